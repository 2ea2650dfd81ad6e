#include "app/service/NamedSources.h"

#include "core/base/Redact.h"
#include "core/io/File.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

namespace tapedeck::service {

namespace {

const QString kMark = QStringLiteral("***"); // what redactUrl() puts in a secret's place

} // namespace

QJsonObject NamedSource::publicJson() const
{
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("url"), redactUrl(url)},
                  {QStringLiteral("hasSecret"), urlHasSecrets(url)},
                  {QStringLiteral("created"), created.toUTC().toString(Qt::ISODate)},
                  {QStringLiteral("modified"), modified.toUTC().toString(Qt::ISODate)}};
    if (type)
        o.insert(QStringLiteral("type"), containerName(*type));
    if (chunkMs >= 0)
        o.insert(QStringLiteral("chunk"), double(chunkMs) / 1000.0);
    return o;
}

NamedSources::NamedSources(QString path) : m_path(std::move(path)) {}

bool NamedSources::validName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    return re.match(name).hasMatch();
}

QString NamedSources::load()
{
    m_sources.clear();
    QFile f(m_path);
    if (!f.exists())
        return {};
    QString why;
    if (!f.open(QIODevice::ReadOnly)) {
        why = QStringLiteral("cannot read %1").arg(m_path);
    } else {
        QJsonParseError pe{};
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
        f.close();
        if (pe.error != QJsonParseError::NoError || !doc.isObject())
            why = QStringLiteral("%1 is not valid JSON (%2)").arg(m_path, pe.errorString());
        else if (const int v = doc.object().value(QStringLiteral("version")).toInt(); v != 1)
            why = QStringLiteral("%1 has version %2, which this Tapedeck does not know (it writes version 1)")
                      .arg(m_path)
                      .arg(v);
        else
            for (const QJsonValue &v : doc.object().value(QStringLiteral("sources")).toArray()) {
                const QJsonObject o = v.toObject();
                NamedSource s;
                s.name = o.value(QStringLiteral("name")).toString();
                s.url = o.value(QStringLiteral("url")).toString();
                if (!validName(s.name) || s.url.isEmpty() || find(s.name)) {
                    why = QStringLiteral("%1 has an entry without a valid, unique name or an address").arg(m_path);
                    m_sources.clear();
                    break;
                }
                if (auto t = parseContainerType(o.value(QStringLiteral("type")).toString()))
                    s.type = *t;
                s.chunkMs = qint64(o.value(QStringLiteral("chunkMs")).toDouble(-1));
                s.created = QDateTime::fromString(o.value(QStringLiteral("created")).toString(), Qt::ISODateWithMs);
                s.modified = QDateTime::fromString(o.value(QStringLiteral("modified")).toString(), Qt::ISODateWithMs);
                registerSecretsOf(s.url); // scrubbed wherever a library might log them
                m_sources.push_back(s);
            }
    }
    if (why.isEmpty())
        return {};
    // Kept for a person (or a newer Tapedeck) to read: the next change would
    // otherwise replace every source with only the new one.
    const QString aside = m_path + QStringLiteral(".unreadable-")
        + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const Status moved = renameFile(m_path, aside, false);
    return QStringLiteral("WARNING: %1; no named source was loaded. %2")
        .arg(why,
             moved ? QStringLiteral("It was kept as %1.").arg(aside)
                   : QStringLiteral("It could not be moved aside (%1).").arg(moved.message()));
}

const NamedSource *NamedSources::find(const QString &name) const
{
    for (const NamedSource &s : m_sources)
        if (s.name == name)
            return &s;
    return nullptr;
}

QJsonArray NamedSources::publicList() const
{
    QJsonArray out;
    for (const NamedSource &s : m_sources)
        out.append(s.publicJson());
    return out;
}

std::optional<ApiError> NamedSources::apply(NamedSource &s, const QJsonObject &body, bool creating) const
{
    static const QStringList known{QStringLiteral("name"), QStringLiteral("url"), QStringLiteral("type"),
                                   QStringLiteral("chunk")};
    for (auto it = body.begin(); it != body.end(); ++it)
        if (!known.contains(it.key()))
            return ApiError{400,
                            QStringLiteral("unknown field \"%1\" (known: %2)")
                                .arg(it.key().left(64), known.join(QLatin1String(", ")))};
    for (const char *f : {"name", "url", "type"})
        if (body.contains(QLatin1String(f)) && !body.value(QLatin1String(f)).isString())
            return ApiError{400, QStringLiteral("\"%1\" must be a string").arg(QLatin1String(f))};
    if (creating) {
        s.name = body.value(QStringLiteral("name")).toString();
        if (!validName(s.name))
            return ApiError{400,
                            QStringLiteral("\"name\" is required: 1 to 64 letters, digits, '.', '_' or '-', "
                                           "starting with a letter or digit")};
        if (!body.contains(QStringLiteral("url")))
            return ApiError{400, QStringLiteral("\"url\" is required (the source's address, with its secrets)")};
    } else if (body.contains(QStringLiteral("name")) && body.value(QStringLiteral("name")).toString() != s.name) {
        return ApiError{400, QStringLiteral("a source cannot be renamed: create one with the new name")};
    }
    if (body.contains(QStringLiteral("url"))) {
        const QString url = body.value(QStringLiteral("url")).toString().trimmed();
        if (url.isEmpty())
            return ApiError{400, QStringLiteral("\"url\" must not be empty")};
        // A client that sends back what it was shown keeps the stored secret;
        // any other address with the redaction mark would store "***" as a
        // password and record nothing.
        if (!creating && url == redactUrl(s.url)) {
            // unchanged
        } else if (url.contains(kMark)) {
            return ApiError{400,
                            QStringLiteral("\"url\" holds \"***\", the mark that replaces secrets in replies: "
                                           "give the whole address, or leave \"url\" out to keep the stored one")};
        } else {
            s.url = url;
        }
    }
    if (body.contains(QStringLiteral("type"))) {
        const QString t = body.value(QStringLiteral("type")).toString();
        if (t.isEmpty()) {
            s.type.reset();
        } else {
            auto parsed = parseContainerType(t);
            if (!parsed)
                return ApiError{400, QStringLiteral("\"type\" must be mp4, ts or flv (or \"\" for the default)")};
            s.type = *parsed;
        }
    }
    if (body.contains(QStringLiteral("chunk"))) {
        const QJsonValue v = body.value(QStringLiteral("chunk"));
        constexpr double kMaxSeconds = 100.0 * 365 * 24 * 3600;
        if (v.isNull()) {
            s.chunkMs = -1;
        } else if (!v.isDouble() || !std::isfinite(v.toDouble()) || v.toDouble() < 0 || v.toDouble() > kMaxSeconds) {
            return ApiError{400, QStringLiteral("\"chunk\" must be a number of seconds >= 0 (or null for none)")};
        } else {
            s.chunkMs = qint64(v.toDouble() * 1000);
        }
    }
    return std::nullopt;
}

std::variant<NamedSource, ApiError> NamedSources::create(const QJsonObject &body)
{
    NamedSource s;
    if (auto e = apply(s, body, true))
        return *e;
    if (find(s.name))
        return ApiError{
            409, QStringLiteral("a source named \"%1\" exists; change it with PUT /api/v1/sources/%1").arg(s.name)};
    s.created = s.modified = QDateTime::currentDateTimeUtc();
    registerSecretsOf(s.url);
    m_sources.push_back(s);
    if (auto e = save()) {
        m_sources.pop_back();
        return *e;
    }
    return s;
}

std::variant<NamedSource, ApiError> NamedSources::update(const QString &name, const QJsonObject &body)
{
    auto it = std::find_if(m_sources.begin(), m_sources.end(), [&](const NamedSource &s) { return s.name == name; });
    if (it == m_sources.end())
        return ApiError{404, QStringLiteral("no source named \"%1\"").arg(name.left(64))};
    NamedSource s = *it;
    if (auto e = apply(s, body, false))
        return *e;
    s.modified = QDateTime::currentDateTimeUtc();
    registerSecretsOf(s.url);
    const NamedSource before = *it;
    *it = s;
    if (auto e = save()) {
        *it = before;
        return *e;
    }
    return s;
}

std::variant<bool, ApiError> NamedSources::remove(const QString &name)
{
    auto it = std::find_if(m_sources.begin(), m_sources.end(), [&](const NamedSource &s) { return s.name == name; });
    if (it == m_sources.end())
        return false;
    const NamedSource before = *it;
    const auto pos = it - m_sources.begin();
    m_sources.erase(it);
    if (auto e = save()) {
        m_sources.insert(m_sources.begin() + pos, before);
        return *e;
    }
    return true;
}

std::optional<ApiError> NamedSources::save()
{
    QJsonArray list;
    for (const NamedSource &s : m_sources) {
        QJsonObject o{{QStringLiteral("name"), s.name},
                      {QStringLiteral("url"), s.url},
                      {QStringLiteral("chunkMs"), double(s.chunkMs)},
                      {QStringLiteral("created"), s.created.toUTC().toString(Qt::ISODateWithMs)},
                      {QStringLiteral("modified"), s.modified.toUTC().toString(Qt::ISODateWithMs)}};
        if (s.type)
            o.insert(QStringLiteral("type"), containerName(*s.type));
        list.append(o);
    }
    const QJsonObject doc{{QStringLiteral("version"), 1}, {QStringLiteral("sources"), list}};
    if (Status st = writePrivateFile(m_path, QJsonDocument(doc).toJson(QJsonDocument::Indented)); !st)
        return ApiError{500, QStringLiteral("could not save the sources: %1").arg(st.message())};
    return std::nullopt;
}

} // namespace tapedeck::service

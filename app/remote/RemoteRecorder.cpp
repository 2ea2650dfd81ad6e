#include "app/remote/RemoteRecorder.h"

#include "core/base/Redact.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace tapedeck::remote {

namespace {

constexpr int kRequestTimeoutMs = 30000;

RemoteReply replyOf(QNetworkReply *r)
{
    RemoteReply out;
    out.status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = r->readAll();
    out.json = QJsonDocument::fromJson(body).object();
    if (!out.ok())
        out.error =
            remoteErrorText(out.status, body, r->error() == QNetworkReply::NoError ? QString() : r->errorString());
    return out;
}

} // namespace

QString remoteErrorText(int status, const QByteArray &body, const QString &networkError)
{
    const QString said = QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toString();
    if (status == 401)
        return QObject::tr("The recorder refused the token (%1).").arg(said.isEmpty() ? QObject::tr("401") : said);
    if (!said.isEmpty())
        return said;
    if (status == 0)
        return networkError.isEmpty() ? QObject::tr("The recorder did not answer.")
                                      : QObject::tr("The recorder cannot be reached: %1.").arg(networkError);
    return QObject::tr("The recorder answered with HTTP status %1.").arg(status);
}

RemoteRecorder::RemoteRecorder(const QUrl &base, QByteArray token, QObject *parent)
    : QObject(parent), m_net(new QNetworkAccessManager(this)), m_base(base), m_token(std::move(token)),
      m_retry(new QTimer(this)), m_heartbeat(new QTimer(this))
{
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, &RemoteRecorder::openStream);
    m_heartbeat->setSingleShot(true);
    m_heartbeat->setInterval(kHeartbeatTimeoutMs);
    connect(m_heartbeat, &QTimer::timeout, this, [this] {
        // No event for that long: a silent network. Drop it and start over.
        if (m_stream) {
            QNetworkReply *s = m_stream;
            m_stream = nullptr;
            s->abort();
            s->deleteLater();
        }
        setLink(Link::Unreachable, tr("No sign of life for %1 s.").arg(kHeartbeatTimeoutMs / 1000));
        scheduleRetry();
    });
}

RemoteRecorder::~RemoteRecorder()
{
    m_wanted = false;
    if (QNetworkReply *s = m_stream) {
        m_stream = nullptr; // its finished() (emitted by abort) is not a lost link
        s->abort();
    }
}

void RemoteRecorder::connectToRecorder()
{
    m_wanted = true;
    m_retryMs = 1000;
    if (!m_stream)
        openStream();
}

void RemoteRecorder::disconnectFromRecorder()
{
    m_wanted = false;
    m_retry->stop();
    m_heartbeat->stop();
    if (m_stream) {
        QNetworkReply *s = m_stream;
        m_stream = nullptr;
        s->abort();
        s->deleteLater();
    }
    setLink(Link::Offline);
}

QNetworkReply *RemoteRecorder::send(const QByteArray &method, const QString &path, const QByteArray &body, bool stream)
{
    QUrl url = m_base;
    url.setPath(path); // fixed endpoints, and ids the recorder gave (percent-encoded)
    url.setQuery(QString());
    QNetworkRequest req(url);
    req.setRawHeader("Authorization", "Bearer " + m_token);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    if (stream) {
        req.setRawHeader("Accept", "text/event-stream");
        req.setTransferTimeout(0); // open for hours; the heartbeat watches it
    } else {
        req.setTransferTimeout(kRequestTimeoutMs);
    }
    if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH")
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return m_net->sendCustomRequest(req, method, body);
}

void RemoteRecorder::request(const QByteArray &method, const QString &path, const QJsonObject &body, QObject *context,
                             Callback done)
{
    const QByteArray data =
        body.isEmpty() && method != "POST" ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    QNetworkReply *r = send(method, path, data, false);
    QPointer<QObject> ctx(context);
    connect(r, &QNetworkReply::finished, this, [r, ctx, done = std::move(done)] {
        r->deleteLater();
        if (ctx && done)
            done(replyOf(r));
    });
}

void RemoteRecorder::fetchPreview(const QString &id, QObject *context, std::function<void(const QByteArray &)> done)
{
    QNetworkReply *r = send(
        "GET", QStringLiteral("/api/v1/recordings/%1/preview").arg(QString::fromLatin1(QUrl::toPercentEncoding(id))),
        {}, false);
    QPointer<QObject> ctx(context);
    connect(r, &QNetworkReply::finished, this, [r, ctx, done = std::move(done)] {
        r->deleteLater();
        const bool png = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200
            && r->header(QNetworkRequest::ContentTypeHeader).toString() == QLatin1String("image/png");
        if (ctx && done)
            done(png ? r->readAll() : QByteArray());
    });
}

void RemoteRecorder::startRecording(const QJsonObject &spec, QObject *context, Callback done)
{
    request("POST", QStringLiteral("/api/v1/recordings"), spec, context, std::move(done));
}

void RemoteRecorder::stopRecording(const QString &id, QObject *context, Callback done)
{
    request("DELETE", QStringLiteral("/api/v1/recordings/") + QString::fromLatin1(QUrl::toPercentEncoding(id)), {},
            context, std::move(done));
}

void RemoteRecorder::listFiles(QObject *context, Callback done)
{
    request("GET", QStringLiteral("/api/v1/files"), {}, context, std::move(done));
}

void RemoteRecorder::listOrphans(QObject *context, Callback done)
{
    request("GET", QStringLiteral("/api/v1/orphans"), {}, context, std::move(done));
}

void RemoteRecorder::recoverOrphans(QObject *context, Callback done)
{
    request("POST", QStringLiteral("/api/v1/orphans/recover"), {}, context, std::move(done));
}

void RemoteRecorder::listSources(QObject *context, Callback done)
{
    request("GET", QStringLiteral("/api/v1/sources"), {}, context, std::move(done));
}

static QString encodedId(const QString &id) { return QString::fromLatin1(QUrl::toPercentEncoding(id)); }

void RemoteRecorder::startNamed(const QString &sourceName, QJsonObject options, QObject *context, Callback done)
{
    options.remove(QStringLiteral("source"));
    options.insert(QStringLiteral("sourceName"), sourceName);
    startRecording(options, context, std::move(done));
}

void RemoteRecorder::storeSource(const QString &name, const QString &url, QObject *context, Callback done)
{
    request("POST", QStringLiteral("/api/v1/sources"),
            QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("url"), url}}, context, std::move(done));
}

void RemoteRecorder::splitRecording(const QString &id, QObject *context, Callback done)
{
    request("POST", QStringLiteral("/api/v1/recordings/%1/split").arg(encodedId(id)), {}, context, std::move(done));
}

void RemoteRecorder::addMarker(const QString &id, const QString &name, QObject *context, Callback done)
{
    QJsonObject body;
    if (!name.isEmpty())
        body.insert(QStringLiteral("name"), name);
    request("POST", QStringLiteral("/api/v1/recordings/%1/markers").arg(encodedId(id)), body, context, std::move(done));
}

bool RemoteRecorder::secureLink() const
{
    if (m_base.scheme() == QLatin1String("https"))
        return true;
    const QString host = m_base.host();
    return host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 || QHostAddress(host).isLoopback();
}

QString RemoteRecorder::sourceNameFor(const QString &label)
{
    static const QRegularExpression other(QStringLiteral("[^A-Za-z0-9._-]+"));
    QString name = label;
    name.replace(other, QStringLiteral("-"));
    while (!name.isEmpty() && !name.front().isLetterOrNumber())
        name.remove(0, 1);
    name.truncate(60); // room for "-2", "-3" ... within the 64 the recorder takes
    while (name.endsWith(u'-'))
        name.chop(1);
    return name.isEmpty() ? QStringLiteral("source") : name;
}

void RemoteRecorder::startSource(const SourceStart &start, QObject *context, AskToStore ask, Callback done)
{
    QPointer<QObject> ctx(context);
    if (!urlHasSecrets(start.spec)) {
        QJsonObject body = start.options;
        body.insert(QStringLiteral("source"), start.spec);
        startRecording(body, context, std::move(done));
        return;
    }
    auto notSent = [this, ctx, done](const QString &why) {
        RemoteReply r;
        r.status = RemoteReply::kNotSent;
        r.error = why;
        QTimer::singleShot(0, this, [ctx, done, r] { // never inline, as every answer
            if (ctx && done)
                done(r);
        });
    };
    if (!secureLink()) {
        notSent(tr("\"%1\" has a password or stream key, and the recorder at %2 is reached without TLS: it would "
                   "cross the network in clear text, so it is not sent. Add the recorder with an https:// "
                   "address, or keep the source on the recorder itself (the Recorders tab lists its sources).")
                    .arg(start.label, m_base.host()));
        return;
    }
    listSources(context, [this, ctx, start, ask, done, notSent](const RemoteReply &list) {
        if (!list.ok()) {
            done(list);
            return;
        }
        QHash<QString, QString> shown; // name -> the address as the recorder shows it (redacted)
        for (const QJsonValue &v : list.json.value(QStringLiteral("sources")).toArray())
            shown.insert(v.toObject().value(QStringLiteral("name")).toString(),
                         v.toObject().value(QStringLiteral("url")).toString());
        const QString base = sourceNameFor(start.label);
        const QString mine = redactUrl(start.spec);
        auto candidate = [&](int i) { return i == 1 ? base : QStringLiteral("%1-%2").arg(base).arg(i); };
        // Kept there before (by this studio or by hand): recorded by name,
        // nothing secret is sent again.
        for (int i = 1; i <= shown.size() + 1; ++i)
            if (shown.value(candidate(i), QStringLiteral("\n")) == mine) {
                startNamed(candidate(i), start.options, ctx, done);
                return;
            }
        int free = 1;
        while (shown.contains(candidate(free)))
            ++free;
        const QString name = candidate(free);
        ask(name, [this, ctx, start, name, done, notSent](bool yes) {
            if (!ctx)
                return;
            if (!yes) {
                notSent(tr("\"%1\" was not recorded on the recorder: its password or stream key stays on this "
                           "computer.")
                            .arg(start.label));
                return;
            }
            storeSource(name, start.spec, ctx, [this, ctx, start, name, done](const RemoteReply &stored) {
                if (!stored.ok()) {
                    done(stored);
                    return;
                }
                startNamed(name, start.options, ctx, done);
            });
        });
    });
}

void RemoteRecorder::openStream()
{
    if (!m_wanted || m_stream)
        return;
    m_buffer.clear();
    if (m_link == Link::Offline)
        setLink(Link::Connecting); // an unreachable one stays so until it answers
    QNetworkReply *s = send("GET", QStringLiteral("/api/v1/events"), {}, true);
    m_stream = s;
    connect(s, &QNetworkReply::readyRead, this, [this, s] {
        if (s == m_stream)
            onStreamData();
    });
    connect(s, &QNetworkReply::finished, this, [this, s] {
        s->deleteLater();
        if (s == m_stream)
            onStreamEnded();
    });
    m_heartbeat->start();
}

void RemoteRecorder::onStreamData()
{
    const int status = m_stream->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200)
        return; // an error body: read when it has finished
    m_buffer += m_stream->readAll();
    // Events end with an empty line; "event:" names it, "data:" lines hold it.
    for (qsizetype end; (end = m_buffer.indexOf("\n\n")) >= 0;) {
        const QByteArray block = m_buffer.left(end);
        m_buffer.remove(0, end + 2);
        QByteArray name("message"), data;
        for (const QByteArray &line : block.split('\n')) {
            if (line.startsWith("event:"))
                name = line.mid(6).trimmed();
            else if (line.startsWith("data:"))
                data += (data.isEmpty() ? QByteArray() : QByteArray("\n")) + line.mid(5).trimmed();
        }
        m_heartbeat->start(); // any event is a sign of life
        handleEvent(name, data);
    }
    if (m_buffer.size() > 8 * 1024 * 1024)
        m_buffer.clear(); // never unbounded, whatever the peer sends
}

void RemoteRecorder::onStreamEnded()
{
    QNetworkReply *s = m_stream;
    m_stream = nullptr;
    m_heartbeat->stop();
    const int status = s->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString why =
        remoteErrorText(status, s->readAll(), s->error() == QNetworkReply::NoError ? QString() : s->errorString());
    if (!m_wanted)
        return;
    setLink(Link::Unreachable, status == 200 ? tr("The connection was closed.") : why);
    scheduleRetry();
}

void RemoteRecorder::scheduleRetry()
{
    if (!m_wanted)
        return;
    m_retry->start(m_retryMs);
    m_retryMs = std::min(m_retryMs * 2, kMaxRetryMs);
}

void RemoteRecorder::handleEvent(const QByteArray &name, const QByteArray &data)
{
    const QJsonObject o = QJsonDocument::fromJson(data).object();
    if (name == "snapshot") {
        m_retryMs = 1000;
        setLink(Link::Online);
        applySnapshot(o.value(QStringLiteral("recordings")).toArray());
    } else if (name == "state") {
        const QString id = o.value(QStringLiteral("id")).toString();
        if (id.isEmpty())
            return;
        m_recordings.insert(id, o);
        emit recordingChanged(id, o);
    } else if (name == "figures") {
        for (const QJsonValue &v : o.value(QStringLiteral("recordings")).toArray()) {
            const QJsonObject f = v.toObject();
            auto it = m_recordings.find(f.value(QStringLiteral("id")).toString());
            if (it == m_recordings.end())
                continue;
            const QString before = it->value(QStringLiteral("state")).toString();
            for (auto k = f.begin(); k != f.end(); ++k)
                it->insert(k.key(), k.value());
            if (it->value(QStringLiteral("state")).toString() != before)
                emit recordingChanged(it.key(), *it);
        }
        emit figuresChanged();
    } else if (name == "file") {
        emit fileFinished(o.value(QStringLiteral("id")).toString(), o.value(QStringLiteral("path")).toString());
    } else if (name == "source") {
        emit sourcesChanged();
    }
}

void RemoteRecorder::applySnapshot(const QJsonArray &recordings)
{
    QHash<QString, QJsonObject> now;
    for (const QJsonValue &v : recordings) {
        const QJsonObject o = v.toObject();
        now.insert(o.value(QStringLiteral("id")).toString(), o);
    }
    const QStringList before = m_recordings.keys();
    m_recordings = now;
    for (const QString &id : before)
        if (!now.contains(id))
            emit recordingGone(id);
    for (auto it = now.begin(); it != now.end(); ++it)
        emit recordingChanged(it.key(), it.value());
    emit figuresChanged();
}

void RemoteRecorder::setLink(Link link, const QString &error)
{
    m_linkError = link == Link::Online || link == Link::Offline ? QString() : error;
    if (link == m_link)
        return;
    m_link = link;
    emit linkChanged(link);
}

} // namespace tapedeck::remote

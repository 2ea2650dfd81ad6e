#include "ui/RemoteRecorders.h"

#include "core/app/Settings.h"
#include "ui/SecretStore.h"

#include <QUuid>

namespace tapedeck::ui {

namespace {

QString tokenKey(const QString &id) { return QStringLiteral("recorder-token:") + id; }

} // namespace

RemoteRecorders::RemoteRecorders(Settings &settings, SecretStore &secrets, QObject *parent)
    : QObject(parent), m_settings(settings), m_secrets(secrets)
{
    load();
}

RemoteRecorders::~RemoteRecorders() = default;

QUrl RemoteRecorders::parseAddress(const QString &address)
{
    QString a = address.trimmed();
    if (a.isEmpty())
        return {};
    if (!a.contains(QLatin1String("://")))
        a.prepend(QStringLiteral("http://"));
    QUrl url(a, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || !url.userInfo().isEmpty())
        return {};
    if (url.port() < 0)
        url.setPort(8417); // the service's default
    url.setPath(QString());
    return url;
}

QString RemoteRecorders::linkText(remote::RemoteRecorder::Link link)
{
    switch (link) {
    case remote::RemoteRecorder::Link::Offline:
        return tr("not connected");
    case remote::RemoteRecorder::Link::Connecting:
        return tr("connecting…");
    case remote::RemoteRecorder::Link::Online:
        return tr("connected");
    case remote::RemoteRecorder::Link::Unreachable:
        return tr("unreachable, trying again");
    }
    return {};
}

const RecorderEntry *RemoteRecorders::find(const QString &id) const
{
    for (const RecorderEntry &e : m_entries)
        if (e.id == id)
            return &e;
    return nullptr;
}

void RemoteRecorders::load()
{
    for (const QVariant &v : m_settings.jsonValue(SettingKey::Recorders).toList()) {
        const QVariantMap m = v.toMap();
        RecorderEntry e;
        e.id = m.value(QStringLiteral("id")).toString();
        e.name = m.value(QStringLiteral("name")).toString();
        e.url = parseAddress(m.value(QStringLiteral("url")).toString());
        if (e.id.isEmpty() || e.name.isEmpty() || !e.url.isValid())
            continue;
        m_entries.push_back(e);
        const QString id = e.id;
        m_secrets.read(tokenKey(id), [this, id](bool found, const QString &token) {
            for (RecorderEntry &x : m_entries) {
                if (x.id != id)
                    continue;
                if (found && !token.isEmpty())
                    attach(x, token.toUtf8());
                else
                    x.needsToken = true;
                emit changed();
            }
        });
    }
}

void RemoteRecorders::save()
{
    QVariantList list;
    for (const RecorderEntry &e : m_entries)
        list.append(QVariantMap{
            {QStringLiteral("id"), e.id}, {QStringLiteral("name"), e.name}, {QStringLiteral("url"), e.url.toString()}});
    m_settings.setJsonValue(SettingKey::Recorders, list);
    m_settings.sync();
}

void RemoteRecorders::attach(RecorderEntry &e, const QByteArray &token)
{
    e.needsToken = false;
    if (e.client) {
        e.client->setToken(token);
        e.client->disconnectFromRecorder();
        e.client->connectToRecorder();
        return;
    }
    e.client = new remote::RemoteRecorder(e.url, token, this);
    const QString id = e.id;
    connect(e.client, &remote::RemoteRecorder::linkChanged, this, [this, id](remote::RemoteRecorder::Link l) {
        emit linkChanged(id, l);
        emit changed();
    });
    connect(e.client, &remote::RemoteRecorder::recordingChanged, this,
            [this, id](const QString &rid, const QJsonObject &o) { emit recordingChanged(id, rid, o); });
    connect(e.client, &remote::RemoteRecorder::figuresChanged, this, [this, id] { emit figuresChanged(id); });
    connect(e.client, &remote::RemoteRecorder::fileFinished, this,
            [this, id](const QString &, const QString &path) { emit fileFinished(id, path); });
    connect(e.client, &remote::RemoteRecorder::sourcesChanged, this, [this, id] { emit sourcesChanged(id); });
    e.client->connectToRecorder();
}

QString RemoteRecorders::add(const QString &name, const QString &address, const QByteArray &token, QString *error)
{
    const QUrl url = parseAddress(address);
    if (name.trimmed().isEmpty()) {
        *error = tr("Give the recorder a name.");
        return {};
    }
    if (!url.isValid()) {
        *error = tr("\"%1\" is not a recorder's address (host:port, or http(s)://host:port).").arg(address);
        return {};
    }
    if (token.trimmed().isEmpty()) {
        *error = tr("The recorder's token is needed (on the recorder: cat DIR/token).");
        return {};
    }
    for (const RecorderEntry &e : m_entries)
        if (e.name == name.trimmed()) {
            *error = tr("A recorder named \"%1\" exists already.").arg(name.trimmed());
            return {};
        }
    RecorderEntry e;
    e.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    e.name = name.trimmed();
    e.url = url;
    m_entries.push_back(e);
    save();
    m_secrets.write(tokenKey(e.id), QString::fromUtf8(token.trimmed()), [](bool, const QString &) {});
    attach(m_entries.back(), token.trimmed());
    emit changed();
    return e.id;
}

void RemoteRecorders::remove(const QString &id)
{
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->id != id)
            continue;
        // Its recordings go on there: only this studio stops watching.
        if (it->client) {
            it->client->disconnectFromRecorder();
            it->client->deleteLater();
        }
        m_secrets.remove(tokenKey(id));
        m_entries.erase(it);
        save();
        emit changed();
        return;
    }
}

void RemoteRecorders::provideToken(const QString &id, const QByteArray &token)
{
    for (RecorderEntry &e : m_entries)
        if (e.id == id) {
            m_secrets.write(tokenKey(id), QString::fromUtf8(token.trimmed()), [](bool, const QString &) {});
            attach(e, token.trimmed());
            emit changed();
        }
}

int RemoteRecorders::cardId(const QString &recorderId, const QString &remoteId)
{
    const QString key = recorderId + u'/' + remoteId;
    auto it = m_cardIds.find(key);
    if (it != m_cardIds.end())
        return *it;
    const int id = m_nextCardId--;
    m_cardIds.insert(key, id);
    return id;
}

std::optional<RemoteRecorders::RemoteKey> RemoteRecorders::keyOf(int cardId) const
{
    for (auto it = m_cardIds.begin(); it != m_cardIds.end(); ++it)
        if (*it == cardId)
            return RemoteKey{it.key().section(u'/', 0, 0), it.key().section(u'/', 1)};
    return std::nullopt;
}

} // namespace tapedeck::ui

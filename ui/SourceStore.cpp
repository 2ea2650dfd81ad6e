#include "ui/SourceStore.h"

#include "core/app/Settings.h"
#include "core/base/Redact.h"
#include "ui/SecretFields.h"
#include "ui/SecretStore.h"

#include <QAudioDevice>
#include <QCameraDevice>
#include <QMediaDevices>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QUuid>
#include <QVariantMap>

namespace tapedeck {
namespace ui {
namespace {
QString secretKey(const QString &id) { return QStringLiteral("source/") + id; }

} // namespace

QString deviceSpec(SourceKind kind, const QString &deviceId)
{
    if (kind == SourceKind::Camera)
        return QStringLiteral("v4l2:") + deviceId;
    // Qt's PulseAudio backend names sources like "alsa_input.pci-…".
    if (deviceId.startsWith(QStringLiteral("alsa_")) || deviceId.contains(u'.'))
        return QStringLiteral("pulse:") + deviceId;
    return QStringLiteral("alsa:") + deviceId;
}

SourceStore::SourceStore(Settings &settings, SecretStore &secrets, QObject *parent)
    : QObject(parent), m_settings(settings), m_secrets(secrets)
{
    load();
    m_mediaDevices = new QMediaDevices(this);
    connect(m_mediaDevices, &QMediaDevices::videoInputsChanged, this, &SourceStore::refreshDevices);
    connect(m_mediaDevices, &QMediaDevices::audioInputsChanged, this, &SourceStore::refreshDevices);
    refreshDevices();
}

SourceStore::~SourceStore() = default;

void SourceStore::load()
{
    m_named.clear();
    for (const NamedSource &n : loadNamedSources(m_settings)) {
        SourceEntry e;
        e.kind = SourceKind::Named;
        e.id = n.id;
        e.name = n.name;
        e.displayUrl = n.url;
        e.hasSecret = n.hasSecret;
        e.spec = e.hasSecret ? QString() : e.displayUrl;
        m_named.append(e);
    }
    // Ask the store now, so a source whose secret was not kept is marked
    // before the user tries to record it.
    for (const SourceEntry &e : std::as_const(m_named)) {
        if (!e.hasSecret)
            continue;
        const QString id = e.id;
        m_secrets.read(secretKey(id), [self = QPointer<SourceStore>(this), id](bool found, const QString &secret) {
            if (!self) // the window (and this store) went first
                return;
            if (found)
                self->m_fullUrls.insert(id, secret);
            self->setNeedsSecret(id, !found && !self->m_fullUrls.contains(id));
        });
    }
}

void SourceStore::setNeedsSecret(const QString &id, bool needs)
{
    for (SourceEntry &e : m_named) {
        if (e.id == id && e.needsSecret != needs) {
            e.needsSecret = needs;
            emit changed();
        }
    }
}

bool SourceStore::secretsPersistent() const { return m_secrets.persistent(); }

void SourceStore::probeSecrets()
{
    // The store may answer after this object is gone (a language switch).
    m_secrets.read(QStringLiteral("probe/keychain-available"),
                   [self = QPointer<SourceStore>(this)](bool, const QString &) {
                       if (self)
                           emit self->secretsStorageKnown();
                   });
}

void SourceStore::provideSecret(const QString &id, const QString &fullUrl)
{
    const SourceEntry *e = find(id);
    if (!e || e->kind != SourceKind::Named)
        return;
    updateNamed(id, e->name, fullUrl);
}

void SourceStore::save()
{
    std::vector<NamedSource> list;
    for (const SourceEntry &e : std::as_const(m_named))
        list.push_back({e.id, e.name, e.displayUrl, e.hasSecret}); // never the secret: the file is plain text
    saveNamedSources(m_settings, list);
    m_settings.sync();
}

void SourceStore::refreshDevices()
{
    m_devices.clear();
    for (const QCameraDevice &cam : QMediaDevices::videoInputs()) {
        SourceEntry e;
        e.kind = SourceKind::Camera;
        const QString dev = QString::fromUtf8(cam.id());
        e.id = QStringLiteral("camera:") + dev;
        e.name = cam.description();
        e.spec = deviceSpec(SourceKind::Camera, dev);
        e.displayUrl = e.spec;
        m_devices.append(e);
    }
    // A camera is usually recorded with sound: offer each camera together
    // with the default microphone too (the engine joins specs with '+').
    const QAudioDevice defaultMic = QMediaDevices::defaultAudioInput();
    if (!defaultMic.isNull()) {
        for (const QCameraDevice &cam : QMediaDevices::videoInputs()) {
            SourceEntry e;
            e.kind = SourceKind::Camera;
            const QString dev = QString::fromUtf8(cam.id());
            e.id = QStringLiteral("camera+mic:") + dev;
            e.name = tr("%1 with %2").arg(cam.description(), defaultMic.description());
            e.spec = deviceSpec(SourceKind::Camera, dev) + u'+'
                + deviceSpec(SourceKind::Microphone, QString::fromUtf8(defaultMic.id()));
            e.displayUrl = e.spec;
            m_devices.append(e);
        }
    }
    for (const QAudioDevice &mic : QMediaDevices::audioInputs()) {
        SourceEntry e;
        e.kind = SourceKind::Microphone;
        const QString dev = QString::fromUtf8(mic.id());
        e.id = QStringLiteral("mic:") + dev;
        e.name = mic.description();
        e.spec = deviceSpec(SourceKind::Microphone, dev);
        e.displayUrl = e.spec;
        m_devices.append(e);
    }
    emit changed();
}

QVector<SourceEntry> SourceStore::entries() const
{
    QVector<SourceEntry> all;
    SourceEntry demo;
    demo.id = QStringLiteral("demo");
    demo.kind = SourceKind::Demo;
    demo.name = tr("Demo (test pattern)");
    demo.spec = QStringLiteral("demo");
    demo.displayUrl = demo.spec;
    all.append(demo);
    all += m_named;
    all += m_devices;
    return all;
}

const SourceEntry *SourceStore::find(const QString &id) const
{
    for (const SourceEntry &e : m_named)
        if (e.id == id)
            return &e;
    for (const SourceEntry &e : m_devices)
        if (e.id == id)
            return &e;
    return nullptr;
}

bool SourceStore::nameTaken(const QString &name, const QString &exceptId) const
{
    for (const SourceEntry &e : m_named)
        if (e.id != exceptId && e.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

QString SourceStore::addNamed(const QString &name, const QString &url)
{
    SourceEntry e;
    e.kind = SourceKind::Named;
    e.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_named.append(e);
    updateNamed(e.id, name, url);
    return e.id;
}

void SourceStore::updateNamed(const QString &id, const QString &name, const QString &url)
{
    for (SourceEntry &e : m_named) {
        if (e.id != id)
            continue;
        const QString u = url.trimmed();
        e.name = name.trimmed();
        if (secretMarks(u) > 0 && !urlHasSecrets(u)) {
            // Edited without typing the missing password again: the address
            // stays as it is, the source still needs its secret.
            e.hasSecret = true;
            e.needsSecret = true;
            e.displayUrl = u;
            e.spec.clear();
            m_fullUrls.remove(id);
            save();
            emit changed();
            return;
        }
        e.hasSecret = urlHasSecrets(u);
        e.needsSecret = false;
        e.displayUrl = redactUrl(u);
        e.spec = u;
        m_fullUrls.insert(id, u);
        if (e.hasSecret) {
            m_secrets.write(secretKey(id), u, [this](bool ok, const QString &error) {
                if (!ok)
                    emit secretStoreWarning(tr("The stream address could not be saved in the keychain: %1").arg(error));
            });
        } else {
            m_secrets.remove(secretKey(id));
        }
        save();
        emit changed();
        return;
    }
}

void SourceStore::removeNamed(const QString &id)
{
    for (int i = 0; i < m_named.size(); ++i) {
        if (m_named[i].id == id) {
            if (m_named[i].hasSecret)
                m_secrets.remove(secretKey(id));
            m_named.removeAt(i);
            m_fullUrls.remove(id);
            QVariantMap opts = m_settings.jsonValue(SettingKey::SourceRecordOptions).toMap();
            opts.remove(id);
            m_settings.setJsonValue(SettingKey::SourceRecordOptions, opts);
            save();
            emit changed();
            return;
        }
    }
}

void SourceStore::resolve(const QString &id, std::function<void(Result<QString>)> done)
{
    auto later = [this, done](Result<QString> r) {
        QMetaObject::invokeMethod(
            this, [done, r] { done(r); }, Qt::QueuedConnection);
    };
    if (id == QLatin1String("demo")) {
        later(QStringLiteral("demo"));
        return;
    }
    const SourceEntry *e = find(id);
    if (!e) {
        later(makeError(ErrorCode::NotFound, tr("This source no longer exists.")));
        return;
    }
    if (!e->hasSecret) {
        later(e->spec);
        return;
    }
    if (m_fullUrls.contains(id)) {
        later(m_fullUrls.value(id));
        return;
    }
    if (e->needsSecret) {
        later(makeError(ErrorCode::NotFound,
                        tr("The password or stream key of this source was not kept. "
                           "Type it again to record.")));
        return;
    }
    m_secrets.read(secretKey(id), [this, id, done](bool found, const QString &secret) {
        if (!found) {
            setNeedsSecret(id, true);
            done(makeError(ErrorCode::NotFound,
                           tr("The password or stream key of this source was not kept. "
                              "Type it again to record.")));
            return;
        }
        m_fullUrls.insert(id, secret);
        done(secret);
    });
}

RecordOptions SourceStore::options(const QString &id) const
{
    RecordOptions o;
    o.format = m_settings.string(SettingKey::DefaultFormat);
    o.chunkSeconds = int(m_settings.integer(SettingKey::DefaultChunkSeconds));
    o.folder = m_settings.string(SettingKey::RecordingsFolder);
    o.pattern = m_settings.string(SettingKey::FileNamePattern);
    o.overwrite = m_settings.flag(SettingKey::Overwrite);
    const QVariantMap all = m_settings.jsonValue(SettingKey::SourceRecordOptions).toMap();
    if (!all.contains(id))
        return o;
    const QVariantMap m = all.value(id).toMap();
    o.format = m.value(QStringLiteral("format"), o.format).toString();
    o.chunkSeconds = m.value(QStringLiteral("chunkSeconds"), o.chunkSeconds).toInt();
    o.folder = m.value(QStringLiteral("folder"), o.folder).toString();
    o.pattern = m.value(QStringLiteral("pattern"), o.pattern).toString();
    o.overwrite = m.value(QStringLiteral("overwrite"), o.overwrite).toBool();
    return o;
}

void SourceStore::setOptions(const QString &id, const RecordOptions &o)
{
    QVariantMap all = m_settings.jsonValue(SettingKey::SourceRecordOptions).toMap();
    QVariantMap m = all.value(id).toMap(); // keeps what these options do not hold (the tracks)
    m.insert(QStringLiteral("format"), o.format);
    m.insert(QStringLiteral("chunkSeconds"), o.chunkSeconds);
    m.insert(QStringLiteral("folder"), o.folder);
    m.insert(QStringLiteral("pattern"), o.pattern);
    m.insert(QStringLiteral("overwrite"), o.overwrite);
    all.insert(id, m);
    m_settings.setJsonValue(SettingKey::SourceRecordOptions, all);
}

TrackSelection SourceStore::tracks(const QString &id) const
{
    const QVariantMap m = m_settings.jsonValue(SettingKey::SourceRecordOptions).toMap().value(id).toMap();
    TrackSelection t;
    t.program = m.value(QStringLiteral("program"), -1).toInt();
    // A list that no longer reads (edited by hand) records everything rather
    // than nothing; the Tracks dialog shows it.
    if (auto list = parseTrackList(m.value(QStringLiteral("tracks")).toString()))
        t.tracks = *list;
    return t;
}

void SourceStore::setTracks(const QString &id, const TrackSelection &tracks)
{
    QVariantMap all = m_settings.jsonValue(SettingKey::SourceRecordOptions).toMap();
    QVariantMap m = all.value(id).toMap();
    // Only the tracks: options() still takes the settings' defaults for
    // whatever this map does not hold.
    m.remove(QStringLiteral("program"));
    m.remove(QStringLiteral("tracks"));
    if (tracks.program >= 0)
        m.insert(QStringLiteral("program"), tracks.program);
    if (!tracks.tracks.isEmpty())
        m.insert(QStringLiteral("tracks"), trackListText(tracks.tracks));
    all.insert(id, m);
    m_settings.setJsonValue(SettingKey::SourceRecordOptions, all);
}

bool SourceStore::flag(const QString &id, const QString &key) const
{
    return m_settings.jsonValue(SettingKey::SourceRecordOptions).toMap().value(id).toMap().value(key).toBool();
}

void SourceStore::setFlag(const QString &id, const QString &key, bool on)
{
    if (id.isEmpty() || flag(id, key) == on)
        return;
    QVariantMap all = m_settings.jsonValue(SettingKey::SourceRecordOptions).toMap();
    QVariantMap m = all.value(id).toMap(); // only this flag: options() keeps the defaults for the rest
    if (on)
        m.insert(key, true);
    else
        m.remove(key);
    all.insert(id, m);
    m_settings.setJsonValue(SettingKey::SourceRecordOptions, all);
    // Written at once: an armed source must be re-armed even after a crash.
    m_settings.sync();
}

bool SourceStore::wheneverLive(const QString &id) const { return flag(id, QStringLiteral("wheneverLive")); }

void SourceStore::setWheneverLive(const QString &id, bool on) { setFlag(id, QStringLiteral("wheneverLive"), on); }

bool SourceStore::armed(const QString &id) const { return flag(id, QStringLiteral("armed")); }

void SourceStore::setArmed(const QString &id, bool armed) { setFlag(id, QStringLiteral("armed"), armed); }

QStringList SourceStore::armedSources() const
{
    QStringList out;
    for (const SourceEntry &e : entries())
        if (armed(e.id))
            out << e.id;
    return out;
}

} // namespace ui
} // namespace tapedeck

#pragma once
// The sources the user can record: the built-in demo, named sources
// (name → URL, saved in settings without credentials; a URL that carries
// secrets is kept in the SecretStore) and the cameras and microphones Qt
// Multimedia finds. Also the per-source recording options.

#include "core/app/Settings.h"
#include "core/base/Result.h"
#include "core/source/TrackSelection.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>

class QMediaDevices;

namespace tapedeck {
namespace ui {

class SecretStore;

enum class SourceKind { Demo, Named, Camera, Microphone };

struct SourceEntry {
    QString id; // "demo", a UUID, "camera:<dev>", "camera+mic:<dev>", "mic:<dev>"
    SourceKind kind = SourceKind::Named;
    QString name;       // shown to the user
    QString displayUrl; // credential-free
    QString spec;       // what the engine opens (empty while a secret is unresolved)
    bool hasSecret = false;
    // The address is known but its password or key is not (no keychain kept
    // it): asked for when recording.
    bool needsSecret = false;
};

struct RecordOptions {
    QString format = containerName(kDefaultContainer); // "mp4" | "ts" | "flv"
    int chunkSeconds = 0;                              // 0 = one file
    QString folder;
    QString pattern;
    bool overwrite = false;
};

class SourceStore : public QObject {
    Q_OBJECT
public:
    SourceStore(Settings &settings, SecretStore &secrets, QObject *parent = nullptr);
    ~SourceStore() override;

    QVector<SourceEntry> entries() const;
    const SourceEntry *find(const QString &id) const;

    // Adds or edits a named source. Returns the id.
    QString addNamed(const QString &name, const QString &url);
    void updateNamed(const QString &id, const QString &name, const QString &url);
    void removeNamed(const QString &id);
    bool nameTaken(const QString &name, const QString &exceptId = QString()) const;

    // The full spec to record (asks the keychain when the URL had secrets).
    // The callback runs later on this object's thread.
    void resolve(const QString &id, std::function<void(Result<QString>)> done);
    // The full address of a source that needed its password (typed by the
    // user when asked); kept like any other secret.
    void provideSecret(const QString &id, const QString &fullUrl);
    // Where secrets live in this session: the keychain, or memory only.
    bool secretsPersistent() const;
    // Asks the store once, so that secretsPersistent() is known before the
    // first secret is written (a keychain that is missing answers with an
    // error, and the store falls back to memory); then secretsStorageKnown().
    void probeSecrets();

    RecordOptions options(const QString &id) const; // defaults from settings when unset
    void setOptions(const QString &id, const RecordOptions &options);
    // The program and tracks recorded of this source (default: every track
    // of the program the engine picks), kept with its other options.
    TrackSelection tracks(const QString &id) const;
    void setTracks(const QString &id, const TrackSelection &tracks);

    // "Keep recording whenever live": this source's choice, kept with its
    // other options (each source has its own; off by default).
    bool wheneverLive(const QString &id) const;
    void setWheneverLive(const QString &id, bool on);
    // Whether this source was left armed for good (a whenever-live recording
    // running, not stopped by hand) when Tapedeck last ran: the studio arms
    // it again at the next start, as the service does with desired.json.
    bool armed(const QString &id) const;
    void setArmed(const QString &id, bool armed);
    QStringList armedSources() const;

    void refreshDevices();

signals:
    void changed();
    void secretStoreWarning(const QString &message);
    void secretsStorageKnown();

private:
    void load();
    void save();
    void setNeedsSecret(const QString &id, bool needs);
    void setFlag(const QString &id, const QString &key, bool on);
    bool flag(const QString &id, const QString &key) const;

    Settings &m_settings;
    SecretStore &m_secrets;
    QVector<SourceEntry> m_named;
    QVector<SourceEntry> m_devices;
    QHash<QString, QString> m_fullUrls; // id → URL with secrets, memory only
    QMediaDevices *m_mediaDevices = nullptr;
};

// The engine spec of a camera or microphone device: core's capture source
// opens "v4l2:/dev/videoN", "alsa:NAME" and "pulse:NAME" through libavdevice.
QString deviceSpec(SourceKind kind, const QString &deviceId);

} // namespace ui
} // namespace tapedeck

#pragma once
// What the recorder service keeps on disk in its folder (--dir):
//
//   DIR/token          the bearer token, mode 0600 (generated at first start)
//   DIR/desired.json   the recordings that should be running, mode 0600
//                      (their sources may hold credentials), written
//                      atomically (temp file, fsync, rename, fsync folder)
//   DIR/sources.json   the named sources with their secrets, mode 0600
//   DIR/settings.ini   the service's own recording defaults
//   DIR/recordings/    where recordings go unless a request names a path
//   DIR/service.lock   held while a service runs on DIR (one service per folder)

#include "core/base/Result.h"
#include "core/base/MediaTypes.h"
#include "core/source/TrackSelection.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace tapedeck::service {

// An error with the HTTP status it answers with.
struct ApiError {
    int status = 400;
    QString message;
};

// One recording the service was asked to keep running.
struct WantedRecording {
    QString id;     // stable across restarts: "r" + 12 hex digits
    QString source; // as given (may hold credentials: never sent out, see redacted())
    ContainerType type = ContainerType::MpegTs;
    QString outBase;            // absolute path without extension, inside the recordings folder
    qint64 chunkMs = 0;         // 0: one file per run
    qint64 durationMs = 0;      // 0: until stopped
    bool overwrite = false;     // the first run only: a resumed run never replaces a file
    bool waitForStream = false; // armed: wait for the stream to appear
    // Armed for good (StartMode::WheneverLive): each time the stream is live
    // a take of its own, until stopped; resumed armed after a restart.
    bool wheneverLive = false;
    qint64 reconnectWindowMs = -1; // wheneverLive: see RecordParams (-1: the default)
    int resumes = 0;               // how often it was resumed after a restart
    QDateTime created;
    QString sourceName;    // recorded by name: the named source's address at each (re)start
    TrackSelection tracks; // program and tracks to keep (default: as the engine chooses)

    // The output base of the current run: outBase, then outBase_r1, _r2, ...
    // after each restart, so a resumed run never touches an earlier file.
    QString runBase() const;
    QJsonObject toJson() const; // everything, for desired.json only
    static Result<WantedRecording> fromJson(const QJsonObject &o);
};

QString newRecordingId();
// A file only its owner may read (mode 0600 from its creation, never
// readable by others even for a moment), written atomically: temp file,
// fsync, rename, fsync of the folder.
Status writePrivateFile(const QString &path, const QByteArray &data);
// A token of 32 random bytes (QRandomGenerator::system), base64url.
QByteArray newToken();
// Compares without an early exit, so timing says nothing about how much of a
// guess was right (nor its length: both sides are hashed first).
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

class ServiceStore {
public:
    explicit ServiceStore(QString dir);
    // The token comes from this file, managed by someone else (a Kubernetes
    // Secret, a systemd credential): never created or rotated here.
    void setExternalTokenFile(const QString &path) { m_externalToken = path; }
    bool tokenIsExternal() const { return !m_externalToken.isEmpty(); }

    const QString &dir() const { return m_dir; }
    QString recordingsDir() const;
    QString tokenPath() const;
    QString desiredPath() const;
    QString settingsPath() const;
    QString lockPath() const;
    QString sourcesPath() const; // the named sources (NamedSources), mode 0600

    // Makes the folders (durably) and the token when there is none yet;
    // *created tells whether a new token was made.
    Status prepare(bool *tokenCreated = nullptr);
    Status rotateToken();
    // The token now on disk; re-read when the file changed, so a rotation
    // takes effect without a restart.
    QByteArray token();

    Result<std::vector<WantedRecording>> loadDesired() const;
    Status saveDesired(const std::vector<WantedRecording> &wanted) const;
    // A desired.json this service cannot read (damaged, or written by a newer
    // version) is renamed aside, never overwritten; returns the new name.
    Result<QString> setDesiredAside() const;

private:
    Status writeToken(const QByteArray &token);

    QString m_dir;
    QString m_externalToken;
    QByteArray m_token;
    qint64 m_tokenStamp = -1;
};

} // namespace tapedeck::service

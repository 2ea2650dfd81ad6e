#pragma once
// The recorder service's recordings: what should be running (persisted in
// the ServiceStore), what is running (the engine, through the application
// layer's RecordingService) and what happened to each, as JSON for the API
// and events for the event stream. Front-end free: HTTP lives in ServiceApi.

#include "app/service/NamedSources.h"
#include "app/service/ServiceStore.h"
#include "core/app/RecordingService.h"
#include "core/app/Settings.h"
#include "core/record/Engine.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>

#include <map>
#include <memory>

namespace tapedeck::service {

// A start request, as the API and the EvoStream commands give it.
struct StartSpec {
    QString source;
    QString sourceName;      // or: a named source (/api/v1/sources), its type and chunk as defaults
    bool chunkGiven = false; // chunkMs was in the request (else a named source's chunk applies)
    QString type;            // mp4, ts, flv (empty: the settings' default)
    qint64 chunkMs = 0;      // 0: one file
    qint64 durationMs = 0;   // 0: until stopped
    bool overwrite = false;  // replace existing files (first run only)
    bool waitForStream = false;
    bool wheneverLive = false;     // armed for good: a new file each time the stream is live
    qint64 reconnectWindowMs = -1; // wheneverLive: gone longer than this closes the file (-1: default)
    QString out;                   // path without extension, relative to the recordings folder
    QString name;                  // or: a file-name pattern ({source} {date} {time} {datetime})
    TrackSelection tracks;         // "program" and "tracks" (checked by the API)
};

// One line on stderr, "tapedeck serve: ..." (redacted).
void logServiceLine(const QString &line);

class Recorder : public QObject {
    Q_OBJECT
public:
    // Ended recordings kept in the list (the oldest are forgotten first).
    static constexpr int kMaxEndedListed = 200;

    explicit Recorder(ServiceStore &store, QObject *parent = nullptr);
    ~Recorder() override;

    // At start, before anything is resumed: rebuilds the orphans this
    // service left in its folders (a SIGKILL, an OOM kill, a power cut) with
    // core/recovery under the same locks as `tapedeck recover`. Returns one
    // JSON object per orphan (also kept for GET /api/v1/orphans' "lastRecovery").
    QJsonArray recoverOwnOrphans();
    // Starts every recording of desired.json again, each into a new file.
    // Returns how many were started; a failure is logged and kept in its entry.
    int resumeWanted();

    // Previews (--previews): each recording decodes a keyframe at most once a
    // second (core's PreviewDecoder, 320 px wide) for previewPng().
    void setPreviews(bool on) { m_previews = on; }
    bool previews() const { return m_previews; }
    // The last keyframe of a recording as PNG; encoded at most once a second
    // per recording whatever the number of clients asking (cached between).
    std::variant<QByteArray, ApiError> previewPng(const QString &id);

    // Validates, names, starts and persists; the new id or why not.
    std::variant<QString, ApiError> start(const StartSpec &spec);
    // Stops a recording and forgets it in the desired state. False: no such id.
    bool stop(const QString &id);

    // Split now (the next file from the next keyframe) and a named marker
    // (an MP4 chapter, a line of NAME.ext.marks for TS/FLV) of a recording
    // that is recording: 404 no such id, 409 not recording. A marker without
    // a name is called "Marker N" (N counts this recording's markers); the
    // answer is {"id","name","at"} (at: seconds of media).
    std::optional<ApiError> split(const QString &id);
    std::variant<QJsonObject, ApiError> addMarker(const QString &id, const QString &name);

    QJsonArray list() const;
    std::optional<QJsonObject> get(const QString &id) const;
    // Ids of recordings started from EvoStream's localStreamName (for stopRecord).
    QStringList idsOfSource(const QString &source) const;

    // SIGTERM: stops every recording and waits until all files are finished
    // or `deadlineMs` has passed, then abandons what is left (recoverable).
    // The desired state is kept: they resume after the next start.
    QStringList shutdown(int deadlineMs);
    bool shuttingDown() const { return m_shuttingDown; }

    // Figures for /metrics.
    struct Totals {
        std::map<QString, int> byState;
        qint64 bytes = 0;
        qint64 dropped = 0;
        qint64 pictureless = 0;
        qint64 reconnects = 0;
        qint64 filesFinished = 0;
        int wanted = 0;
    };
    Totals totals() const;
    QString recordingsDir() const { return m_store.recordingsDir(); }
    const QJsonArray &lastRecovery() const { return m_lastRecovery; }
    ServiceStore &store() { return m_store; }
    NamedSources &sources() { return m_sources; }
    // Tells the event stream that a named source was created, changed or
    // removed (its public, redacted form; {"name","deleted":true}).
    void sourceChanged(const QJsonObject &data) { emit event("source", data); }
    Settings &settings() { return m_settings; }

signals:
    // A state change, a finished file or a named source ("state", "file",
    // "source"), for the event stream.
    void event(const QByteArray &name, const QJsonObject &data);

private:
    struct Run {
        int engineId = 0;
        RecordState state = RecordState::Waiting;
        RecordStats stats;                 // the last figures seen
        qint64 earlierBytes = 0;           // of earlier runs of this recording (not after a restart)
        QStringList files;                 // finished files of this run
        std::vector<RecordedTrack> tracks; // what the file being written holds
        QString error;
        QString reason;        // why it ended
        bool wanted = true;    // still in the desired state
        PreviewFrame preview;  // the last keyframe decoded (--previews)
        int previewSeq = 0;    // counts them: clients fetch when it changes
        QByteArray previewPng; // cached encoding of previewPngSeq
        int previewPngSeq = -1;
        qint64 previewPngAtMs = 0;
        int markers = 0; // added to this recording
    };
    struct Entry {
        WantedRecording want;
        Run run;
    };

    std::optional<ApiError> launch(Entry &entry, bool firstRun);
    void refresh(Entry &e) const;
    QJsonObject toJson(const Entry &e) const;
    // The free space and time left where a recording writes (its "disk").
    std::optional<DiskForecast> diskOf(const Entry &e) const;
    ApiError notRecording(const QString &id, const char *what) const;
    Entry *byEngineId(int engineId);
    Entry *byId(const QString &id);
    const Entry *byId(const QString &id) const;
    void persist();
    void onStateChanged(int engineId, RecordState state, const QString &reason);
    void onEnded(int engineId);
    void pruneEnded();

    ServiceStore &m_store;
    NamedSources m_sources;
    Settings m_settings;
    Engine m_engine;
    RecordingService m_service;
    std::vector<std::unique_ptr<Entry>> m_entries; // in start order
    QJsonArray m_lastRecovery;
    bool m_shuttingDown = false;
    bool m_previews = false;
    qint64 m_finishedBytes = 0; // of entries no longer listed
    qint64 m_finishedFiles = 0;
    // Asked at most once a second, however many recordings and clients.
    mutable std::vector<DiskForecast> m_disks;
    mutable qint64 m_disksAtMs = -1;
};

} // namespace tapedeck::service

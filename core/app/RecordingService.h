#pragma once
// The application layer: what a front end does with recordings, written once.
// The desktop app (ui/), the command line (app/) and a service call the same
// few functions with the same parameters:
//
//   RecordingService service(settings, engine);
//   RecordRequest r = service.request(source); // every default, from the settings
//   r.owner = sourceId; r.params.type = ...;  // what this front end was told
//   Result<int> id = service.start(r);         // folder, name, reserve, owner, engine
//   service.stop(*id);  service.list();  service.recordingOf(sourceId);
//
// A RecordingService keeps no recording state of its own: the engine's sessions carry
// their owner and label (RecordParams), so two services over one engine (a
// window replaced after a language switch, a service beside the window)
// agree on who records what.

#include "core/app/DiskForecast.h"
#include "core/base/Result.h"
#include "core/record/RecordParams.h"

#include <QDateTime>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace tapedeck {

class Engine;
class Settings;

// One recording a front end asks for. Start from RecordingService::request(), which
// fills `params` with every default from the settings.
struct RecordRequest {
    QString source; // what to open: URL, local file, device spec or "demo" (named sources resolved already)
    QString owner;  // who asks, e.g. a source's id: one live recording per owner ("" = no owner)
    QString label;  // friendly name for lists, notifications and logs (never a secret)
    // Where the files go: `outBase` (a path without extension) when given;
    // otherwise `folder` (empty: the settings' recordings folder), `pattern`
    // (empty: the settings' name pattern) and `nameForFiles` ({source};
    // empty: the stream name of `source`).
    QString outBase;
    QString folder;
    QString pattern;
    QString nameForFiles;
    RecordParams params; // the rest; start() fills in source, label, owner and outBase
};

// A recording as every front end lists it.
struct RecordingInfo {
    int id = 0;
    QString owner;
    QString label;
    QString source; // credential-free
    RecordState state = RecordState::Waiting;
    QString outBase;
    QStringList files; // finished so far
};

// Free space where a recording writes, against the reserve of the settings
// (core/app/DiskForecast.h): the engine refuses to start, and stops cleanly,
// below the reserve.
using DiskSpace = DiskForecast;

class RecordingService {
public:
    RecordingService(Settings &settings, Engine &engine);

    // Every recording default, from the settings (the registry's defaults
    // when the user changed nothing): container, chunks, overwrite, fsync,
    // reconnects, timeouts, disk reserve, HLS start, gaps.
    RecordParams defaults() const;
    // A request for `source` with defaults().
    RecordRequest request(const QString &source) const;

    // The output base a request records to: `outBase`, or the expanded and
    // sanitised pattern inside the folder (core/app/OutputNaming).
    Result<QString> outputBase(const RecordRequest &request,
                               const QDateTime &when = QDateTime::currentDateTime()) const;
    // Names the files, makes the folder (durably), refuses a second live
    // recording of the same owner, and starts the engine, whose own checks
    // (existing files, files another process owns, the disk reserve) come
    // back as errors with their codes (AlreadyExists, InUse, DiskFull).
    Result<int> start(const RecordRequest &request);
    // Stops one recording (a waiting one is cancelled). False: no such id.
    bool stop(int id);
    void stopAll();
    // A new chunk at the next keyframe; a named marker (an MP4 chapter). False: no such live recording.
    bool splitNow(int id);
    bool addMarker(int id, const QString &title);

    std::vector<RecordingInfo> list() const;
    std::optional<RecordingInfo> info(int id) const;
    // The live (waiting, recording or stopping) recording of `owner`.
    std::optional<int> recordingOf(const QString &owner) const;
    // Live recordings, oldest first.
    std::vector<int> live() const;

    // Free space of `folder` (no recordings counted: no time left).
    DiskSpace diskSpace(const QString &folder) const;
    // Every folder live recordings write into, with the time left at their
    // current bitrates (all recordings on the same filesystem counted).
    std::vector<DiskForecast> diskForecasts() const;
    // Folders of live recordings that became low() since the last call
    // (within the settings' warning time of the reserve, or close to it):
    // each is reported once until it has room again.
    std::vector<DiskSpace> newlyLowDisks();

private:
    Settings &m_settings;
    Engine &m_engine;
    QSet<QString> m_lowReported;
};

} // namespace tapedeck

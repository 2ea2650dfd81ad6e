#pragma once
// Opening a source to see what it carries — "Check" in the source dialog and
// `tapedeck probe` — one implementation for every front end.

#include "core/base/Result.h"
#include "core/source/TrackSelection.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <vector>

namespace tapedeck {

struct ProbedStream {
    int index = 0;
    QString type;        // "video", "audio", "subtitle", "data"
    QString codec;       // FFmpeg's codec name
    QString description; // describeStream(): one line for a person
    int width = 0, height = 0;
    double fps = 0;
    int sampleRate = 0, channels = 0;
    QString language;     // "eng", as the source says it
    QString title;        // the track's title, when it has one
    QString item;         // the selection item naming it alone ("a:eng", "v:0")
    bool recorded = true; // kept under the probed selection (the default: the default program's tracks)
};

// A program of a multiplex (MPEG-TS), or the whole source (number -1) when
// its container has no programs.
struct ProbedProgram {
    int number = -1;
    QString name; // service_name
    QString provider;
    bool recorded = false; // the program the selection (or the default) records
    std::vector<ProbedStream> streams;
};

struct ProbeReport {
    QString source; // credential-free
    bool live = false;
    std::vector<ProbedStream> streams;   // what a recording keeps (index: its track number in the file)
    std::vector<ProbedProgram> programs; // everything the source carries (index: the source's stream index)

    QStringList descriptions() const;
    QJsonObject toJson() const;
};

struct ProbeOptions {
    qint64 openTimeoutMs = 10000;
    const std::atomic<bool> *stopFlag = nullptr;
    TrackSelection tracks; // probe as a recording with this selection would open
};

// Blocks until the source is open (or the deadline passes, or stop is asked).
// A source that opens with no audio or video gives an empty `streams`.
Result<ProbeReport> probeSource(const QString &spec, const ProbeOptions &options);

} // namespace tapedeck

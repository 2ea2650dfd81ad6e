#pragma once
// Opening a source to see what it carries — "Check" in the source dialog and
// `tapedeck probe` — one implementation for every front end.

#include "core/base/Result.h"

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
};

struct ProbeReport {
    QString source; // credential-free
    bool live = false;
    std::vector<ProbedStream> streams;

    QStringList descriptions() const;
    QJsonObject toJson() const;
};

struct ProbeOptions {
    qint64 openTimeoutMs = 10000;
    const std::atomic<bool> *stopFlag = nullptr;
};

// Blocks until the source is open (or the deadline passes, or stop is asked).
// A source that opens with no audio or video gives an empty `streams`.
Result<ProbeReport> probeSource(const QString &spec, const ProbeOptions &options);

} // namespace tapedeck

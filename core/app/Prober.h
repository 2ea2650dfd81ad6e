#pragma once
// The one prober: "Check" in the source dialog, `tapedeck probe` and a
// service open a source the same way and get the same outcome (core/source's
// probeSource() does the opening; this adds what every front end needs on
// top: an empty address, a source with no media, a job off the caller's
// thread that can be cancelled).

#include "core/base/Result.h"
#include "core/source/Probe.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace tapedeck {

enum class ProbeProblem {
    None,       // opened, with audio and/or video
    NoAddress,  // nothing to open
    NoMedia,    // opened, but carries no audio or video
    OpenFailed, // `error` says why (its code: NotFound, Network, Timeout, ...)
    Cancelled,
};

struct ProbeOutcome {
    ProbeProblem problem = ProbeProblem::OpenFailed;
    ProbeReport report; // streams, when ok()
    Error error;        // OpenFailed: the code and the reason (may name the URL: redact before showing)

    bool ok() const { return problem == ProbeProblem::None; }
    // In plain English, for the command line and a service (the desktop app
    // words it in the user's language from `problem` and `error.code`).
    QString message() const;
};

// Blocks until the source opened, failed, timed out or `stop` was set.
// With `tracks`, the report says what a recording with that selection keeps,
// and a selection the source cannot satisfy is an OpenFailed with
// InvalidArgument naming what is missing.
ProbeOutcome probe(const QString &spec, qint64 openTimeoutMs, const std::atomic<bool> *stop = nullptr,
                   const TrackSelection &tracks = {});

// probe() on a pool the process owns (never a detached thread): params in,
// one finished() out on the job's thread, cancelled by cancel() or by
// deleting the job (qBittorrent's job shape). The worker keeps only shared
// state, so a job may go while its probe is still waiting on the network.
class ProbeJob : public QObject {
    Q_OBJECT
public:
    ProbeJob(QString spec, qint64 openTimeoutMs, QObject *parent = nullptr);
    ~ProbeJob() override; // cancels

    void start();
    void cancel();

    // At exit: waits (bounded) for the workers of cancelled jobs to return,
    // so none is still inside libav while the process tears down.
    static bool waitForWorkers(int timeoutMs);

signals:
    void finished(const tapedeck::ProbeOutcome &outcome);

private:
    struct Shared {
        std::atomic<bool> stop{false};
    };
    QString m_spec;
    qint64 m_openTimeoutMs;
    std::shared_ptr<Shared> m_shared;
};

} // namespace tapedeck

Q_DECLARE_METATYPE(tapedeck::ProbeOutcome)

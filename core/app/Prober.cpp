#include "core/app/Prober.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

namespace tapedeck {

namespace {

QThreadPool &probePool()
{
    static QThreadPool pool;
    return pool;
}

} // namespace

QString ProbeOutcome::message() const
{
    switch (problem) {
    case ProbeProblem::None:
        return QString();
    case ProbeProblem::NoAddress:
        return QStringLiteral("no address given");
    case ProbeProblem::NoMedia:
        return QStringLiteral("the source opened but carries no audio or video");
    case ProbeProblem::Cancelled:
        return QStringLiteral("the check was cancelled");
    case ProbeProblem::OpenFailed:
        break;
    }
    return error.message;
}

ProbeOutcome probe(const QString &spec, qint64 openTimeoutMs, const std::atomic<bool> *stop,
                   const TrackSelection &tracks)
{
    ProbeOutcome out;
    if (spec.trimmed().isEmpty()) {
        out.problem = ProbeProblem::NoAddress;
        return out;
    }
    ProbeOptions opts;
    opts.openTimeoutMs = openTimeoutMs;
    opts.stopFlag = stop;
    opts.tracks = tracks;
    Result<ProbeReport> report = probeSource(spec, opts);
    if (!report.ok()) {
        out.error = report.error();
        out.problem = out.error.code == ErrorCode::Cancelled ? ProbeProblem::Cancelled : ProbeProblem::OpenFailed;
    } else if (report.value().streams.empty()) {
        out.report = std::move(report).value();
        out.problem = ProbeProblem::NoMedia;
    } else {
        out.report = std::move(report).value();
        out.problem = ProbeProblem::None;
    }
    return out;
}

bool ProbeJob::waitForWorkers(int timeoutMs) { return probePool().waitForDone(timeoutMs); }

ProbeJob::ProbeJob(QString spec, qint64 openTimeoutMs, QObject *parent)
    : QObject(parent), m_spec(std::move(spec)), m_openTimeoutMs(openTimeoutMs), m_shared(std::make_shared<Shared>())
{
    qRegisterMetaType<tapedeck::ProbeOutcome>();
}

ProbeJob::~ProbeJob() { cancel(); }

void ProbeJob::cancel() { m_shared->stop = true; }

void ProbeJob::start()
{
    QPointer<ProbeJob> self(this);
    auto shared = m_shared;
    const QString spec = m_spec;
    const qint64 timeoutMs = m_openTimeoutMs;
    QObject *home = QCoreApplication::instance();
    probePool().start([self, shared, spec, timeoutMs, home] {
        ProbeOutcome outcome = probe(spec, timeoutMs, &shared->stop);
        if (shared->stop)
            return;
        // Posted to the application object (its thread); only there is the
        // guarded pointer checked, never from this worker.
        QMetaObject::invokeMethod(
            home,
            [self, outcome] {
                if (self)
                    emit self->finished(outcome);
            },
            Qt::QueuedConnection);
    });
}

} // namespace tapedeck

#include "ui/ProbeJob.h"

#include "core/source/Probe.h"
#include "core/base/Redact.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

namespace tapedeck {
namespace ui {
namespace {

// Probes run on a pool the process owns (never a detached thread): a closed
// dialog cancels its job and moves on, and the pool is waited for at exit.
QThreadPool &probePool()
{
    static QThreadPool pool;
    return pool;
}

} // namespace

bool ProbeJob::waitForWorkers(int timeoutMs) { return probePool().waitForDone(timeoutMs); }
QString plainProbeError(int errorCode, const QString &detail)
{
    const QString why = redactText(detail);
    switch (ErrorCode(errorCode)) {
    case ErrorCode::NotFound:
        return ProbeJob::tr("Nothing was found at this address. (%1)").arg(why);
    case ErrorCode::Network:
        return ProbeJob::tr("Could not connect to the server. Check the address and that the server is running. (%1)")
            .arg(why);
    case ErrorCode::Timeout:
        return ProbeJob::tr("The source did not answer in time. Is the stream live? (%1)").arg(why);
    case ErrorCode::Unsupported:
        return ProbeJob::tr("Tapedeck cannot read this kind of source. (%1)").arg(why);
    case ErrorCode::InvalidArgument:
        return ProbeJob::tr("This address is not valid. (%1)").arg(why);
    case ErrorCode::Cancelled:
        return ProbeJob::tr("The check was cancelled.");
    default:
        return ProbeJob::tr("The source could not be opened: %1").arg(why);
    }
}

ProbeJob::ProbeJob(QString spec, qint64 openTimeoutMs, QObject *parent)
    : QObject(parent), m_spec(std::move(spec)), m_openTimeoutMs(openTimeoutMs), m_shared(std::make_shared<Shared>())
{
    qRegisterMetaType<tapedeck::ui::ProbeResult>();
}

ProbeJob::~ProbeJob() { cancel(); }

void ProbeJob::cancel() { m_shared->stop = true; }

void ProbeJob::start()
{
    QPointer<ProbeJob> self(this);
    auto shared = m_shared;
    const QString spec = m_spec;
    const qint64 timeoutMs = m_openTimeoutMs;
    probePool().start([self, shared, spec, timeoutMs] {
        ProbeResult result;
        if (spec.trimmed().isEmpty()) {
            result.error = ProbeJob::tr("Enter an address first.");
        } else {
            ProbeOptions opts;
            opts.openTimeoutMs = timeoutMs;
            opts.stopFlag = &shared->stop;
            const Result<ProbeReport> report = probeSource(spec, opts);
            if (report.ok() && report.value().streams.empty()) {
                result.error = ProbeJob::tr("The source opened but carries no audio or video.");
            } else if (report.ok()) {
                result.ok = true;
                result.streams = report.value().descriptions();
            } else {
                result.error = plainProbeError(int(report.error().code), report.error().message);
            }
        }
        if (shared->stop)
            return;
        // Posted to the application object (UI thread); only there is the
        // guarded pointer checked, never from this worker.
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, result] {
                if (self)
                    emit self->finished(result);
            },
            Qt::QueuedConnection);
    });
}

} // namespace ui
} // namespace tapedeck

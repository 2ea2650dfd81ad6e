#include "ui/ProbeJob.h"

#include "core/MediaTypes.h"
#include "core/Redact.h"
#include "core/Source.h"

#include <QPointer>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

#include <thread>

namespace tapedeck {
namespace ui {
namespace {
std::atomic<int> g_runningWorkers{0};
}

bool ProbeJob::waitForWorkers(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (g_runningWorkers.load() > 0 && !deadline.hasExpired())
        QThread::msleep(10);
    return g_runningWorkers.load() == 0;
}

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
    // Detached: the worker holds only the shared stop flag and a guarded
    // pointer, so a closed dialog never waits for a slow server.
    ++g_runningWorkers;
    std::thread([self, shared, spec, timeoutMs] {
        // Decremented on every way out of this worker.
        struct Done {
            ~Done() { --g_runningWorkers; }
        } done;
        ProbeResult result;
        SourceOptions opts;
        opts.openTimeoutMs = timeoutMs;
        opts.stopFlag = &shared->stop;
        if (spec.trimmed().isEmpty()) {
            result.error = ProbeJob::tr("Enter an address first.");
        } else if (std::unique_ptr<PacketSource> src = makeSource(spec.trimmed(), opts); !src) {
            result.error = ProbeJob::tr("Tapedeck cannot read this kind of source.");
        } else if (Status st = src->open(); !st.ok()) {
            result.error = plainProbeError(int(st.error().code), st.error().message);
        } else {
            result.ok = true;
            for (const StreamInfo &s : src->streams())
                result.streams << describeStream(s);
            if (result.streams.isEmpty()) {
                result.ok = false;
                result.error = ProbeJob::tr("The source opened but carries no audio or video.");
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
    }).detach();
}

} // namespace ui
} // namespace tapedeck

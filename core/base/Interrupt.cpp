#include "core/base/Interrupt.h"

extern "C" {
#include <libavformat/avio.h>
}

namespace tapedeck {
namespace {
qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
} // namespace

void Interrupter::arm(qint64 timeoutMs)
{
    m_fired.store(false, std::memory_order_relaxed);
    m_deadlineNs.store(timeoutMs > 0 ? nowNs() + timeoutMs * 1000000 : 0);
}

bool Interrupter::timedOut() const
{
    const qint64 d = m_deadlineNs.load();
    return d != 0 && nowNs() > d;
}

void Interrupter::install(AVIOInterruptCB &cb)
{
    cb.callback = &Interrupter::callback;
    cb.opaque = this;
}

int Interrupter::callback(void *opaque)
{
    auto *self = static_cast<Interrupter *>(opaque);
    if (!self->shouldInterrupt())
        return 0;
    self->m_fired.store(true, std::memory_order_relaxed);
    return 1;
}

} // namespace tapedeck

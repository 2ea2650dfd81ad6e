#include "ui/recovery/RebuildJob.h"

#include <QMetaObject>

#include <algorithm>

namespace tapedeck {
namespace ui {

RebuildJob::RebuildJob(QObject *parent) : QObject(parent) {}

RebuildJob::~RebuildJob()
{
    m_cancel = true;
    if (m_thread.joinable())
        m_thread.join();
}

void RebuildJob::start(std::vector<RebuildItem> items)
{
    if (m_running)
        return;
    if (m_thread.joinable())
        m_thread.join();
    m_running = true;
    m_cancel = false;
    m_results.assign(items.size(), RebuildItemResult{});
    m_thread = std::thread([this, items = std::move(items)]() mutable {
        for (size_t i = 0; i < items.size(); ++i) {
            // Between items is the safe place to stop: nothing of the next
            // one has been touched yet.
            if (m_cancel.load())
                break;
            const int index = int(i);
            QMetaObject::invokeMethod(
                this,
                [this, index] {
                    m_results[size_t(index)].started = true;
                    emit itemStarted(index);
                },
                Qt::QueuedConnection);
            items[i].options.cancel = &m_cancel;
            // Called on this thread; only a change of a thousandth crosses
            // to the UI thread, so a fast repair does not flood its queue.
            items[i].options.progress = [this, index, last = -1](qint64 done, qint64 total) mutable {
                if (total <= 0)
                    return;
                const int permille = int(std::clamp<qint64>(done * 1000 / total, 0, 1000));
                if (permille == last)
                    return;
                last = permille;
                QMetaObject::invokeMethod(
                    this, [this, index, permille] { emit itemProgress(index, permille); }, Qt::QueuedConnection);
            };
            recovery::RecoverOutcome out;
            try {
                out = recovery::recoverOrphan(items[i].orphan, items[i].options);
            } catch (const std::exception &e) {
                // Never let an exception cross the thread: it becomes an error.
                out.ok = false;
                out.error = QString::fromLocal8Bit(e.what());
            }
            QMetaObject::invokeMethod(
                this,
                [this, index, out = std::move(out)] {
                    m_results[size_t(index)].outcome = out;
                    emit itemFinished(index);
                },
                Qt::QueuedConnection);
        }
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_running = false;
                emit finished(m_cancel.load());
            },
            Qt::QueuedConnection);
    });
}

void RebuildJob::cancel() { m_cancel = true; }

} // namespace ui
} // namespace tapedeck

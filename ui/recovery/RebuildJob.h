#pragma once
// Rebuilds the chosen orphans one after another on a thread of its own, so
// the wizard stays responsive. The engine's recoverOrphan() does the work;
// this only sequences it, carries the cancel flag and reports back through
// queued calls (qBittorrent's job shape: params in, results out, signals).

#include "core/recovery/Recover.h"

#include <QObject>

#include <atomic>
#include <thread>
#include <vector>

namespace tapedeck {
namespace ui {

struct RebuildItem {
    recovery::Orphan orphan;
    recovery::RecoverOptions options; // the cancel flag is set by the job
};

struct RebuildItemResult {
    bool started = false; // false: cancelled before its turn, nothing touched
    recovery::RecoverOutcome outcome;
};

class RebuildJob : public QObject {
    Q_OBJECT
public:
    explicit RebuildJob(QObject *parent = nullptr);
    ~RebuildJob() override; // cancels and joins

    void start(std::vector<RebuildItem> items);
    void cancel();
    bool isRunning() const { return m_running; }
    bool isCancelled() const { return m_cancel.load(); }
    const std::vector<RebuildItemResult> &results() const { return m_results; }

signals:
    void itemStarted(int index);
    // The engine's own progress for the item running (kinds that report it;
    // see RecoverOptions::progress), in thousandths, at most once per step.
    void itemProgress(int index, int permille);
    void itemFinished(int index);
    void finished(bool cancelled);

private:
    std::atomic_bool m_cancel{false};
    bool m_running = false;
    std::vector<RebuildItemResult> m_results; // touched on the UI thread only
    std::thread m_thread;
};

} // namespace ui
} // namespace tapedeck

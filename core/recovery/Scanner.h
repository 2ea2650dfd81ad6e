#pragma once
// The scan job: a params struct in, a result struct out, progress and
// finished signals, an atomic cancel flag (qBittorrent's job shape). The work
// runs on a thread of its own; results cross back as queued signals.

#include "core/recovery/Orphan.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <thread>

namespace tapedeck::recovery {

// Expands files and folders (recursively, symlinks not followed, depth
// bounded) into regular files, sorted. Unreadable paths go to `errors`.
QStringList collectFiles(const ScanParams &params, QStringList *errors, const std::atomic_bool *cancel = nullptr);

// The whole scan, synchronously (the CLI and tests call this directly).
ScanResult scanPaths(const ScanParams &params, const std::atomic_bool *cancel = nullptr,
                     const std::function<void(qint64, qint64)> &progress = {});

class Scanner : public QObject {
    Q_OBJECT
public:
    explicit Scanner(QObject *parent = nullptr);
    ~Scanner() override; // cancels and joins

    // Starts a scan on a background thread; ignored while one runs.
    void start(const ScanParams &params);
    void cancel();
    bool isRunning() const { return m_running.load(); }

signals:
    void progress(qint64 filesDone, qint64 filesTotal);
    void finished(const tapedeck::recovery::ScanResult &result);

private:
    std::atomic_bool m_cancel{false};
    std::atomic_bool m_running{false};
    std::thread m_thread;
};

} // namespace tapedeck::recovery

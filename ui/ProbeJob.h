#pragma once
// "Check URL": opens a source through core on a worker thread (never the UI
// thread) and reports the streams it found or the error in plain words.
// Params in, one result signal out, an atomic cancel flag (qBittorrent's job
// shape). Deleting the job cancels it; the worker keeps only shared state.

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

namespace tapedeck {
namespace ui {

struct ProbeResult {
    bool ok = false;
    QStringList streams; // describeStream() of each stream
    QString error;       // for a person to read
};

class ProbeJob : public QObject {
    Q_OBJECT
public:
    ProbeJob(QString spec, qint64 openTimeoutMs, QObject *parent = nullptr);
    ~ProbeJob() override; // cancels

    void start();
    void cancel();

    // At exit: waits (bounded) for workers of cancelled jobs to return, so
    // none is still inside libav while the process tears down.
    static bool waitForWorkers(int timeoutMs);

signals:
    void finished(const tapedeck::ui::ProbeResult &result);

private:
    struct Shared {
        std::atomic<bool> stop{false};
    };
    QString m_spec;
    qint64 m_openTimeoutMs;
    std::shared_ptr<Shared> m_shared;
};

// Turns a core error into a sentence for the source dialog.
QString plainProbeError(int errorCode, const QString &detail);

} // namespace ui
} // namespace tapedeck

Q_DECLARE_METATYPE(tapedeck::ui::ProbeResult)

#pragma once
// Owns every recording session. Used from the GUI thread and the CLI alike.

#include "core/record/RecordingSession.h"

#include <QObject>

#include <map>
#include <memory>
#include <vector>

namespace tapedeck {

class Engine : public QObject {
    Q_OBJECT
public:
    explicit Engine(QObject *parent = nullptr);
    ~Engine() override; // shutdown()

    // Starts a recording; returns its id, or the reason it could not start.
    Result<int> startRecording(const RecordParams &params);
    void stopRecording(int id);
    void stopAll();
    // Waits until every session has ended (for the CLI and tests).
    bool waitAll(int timeoutMs = -1);
    // Stops every session and waits for them; one that has made no progress
    // (nothing written or flushed) for the shutdown deadline since its stop
    // is abandoned (RecordingSession::abandon(): files
    // left as they are, recoverable). Returns what was abandoned, in words
    // naming each recording (already logged); empty when all ended.
    QStringList shutdown();
    // The deadline of shutdown() and removeRecording(): how long a stopping
    // session may go without any progress.
    // Default RecordingSession::kDefaultShutdownDeadlineMs (10 s).
    void setShutdownDeadlineMs(int ms) { m_shutdownDeadlineMs = ms; }
    int shutdownDeadlineMs() const { return m_shutdownDeadlineMs; }
    // Forgets a session, stopping it first (bounded like shutdown()).
    void removeRecording(int id);

    // Test seam: every session started from now on uses these.
    void setSessionHooks(SessionHooks hooks) { m_hooks = std::move(hooks); }

    RecordingSession *session(int id) const;
    std::vector<int> ids() const;
    int activeCount() const; // waiting + recording + stopping

signals:
    void recordingStateChanged(int id, tapedeck::RecordState state, const QString &reason);
    void chunkFinished(int id, const QString &path);
    void takeFinished(int id, const QStringList &files); // StartMode::WheneverLive: a take's files closed
    void recordingFinished(int id, const QStringList &files);
    void recordingFailed(int id, const QString &reason);
    void previewFrame(int id, const tapedeck::PreviewFrame &frame);

private:
    std::map<int, std::unique_ptr<RecordingSession>> m_sessions;
    int m_nextId = 1;
    SessionHooks m_hooks;
    int m_shutdownDeadlineMs = RecordingSession::kDefaultShutdownDeadlineMs;
};

} // namespace tapedeck

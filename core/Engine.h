#pragma once
// Owns every recording session. Used from the GUI thread and the CLI alike.

#include "core/RecordingSession.h"

#include <QObject>

#include <map>
#include <memory>
#include <vector>

namespace tapedeck {

class Engine : public QObject {
    Q_OBJECT
public:
    explicit Engine(QObject *parent = nullptr);
    ~Engine() override; // stops all sessions and waits for them

    // Starts a recording; returns its id, or the reason it could not start.
    Result<int> startRecording(const RecordParams &params);
    void stopRecording(int id);
    void stopAll();
    // Waits until every session has ended (for the CLI and tests).
    bool waitAll(int timeoutMs = -1);
    // Forgets a finished or failed session.
    void removeRecording(int id);

    // Test seam: every session started from now on uses these.
    void setSessionHooks(SessionHooks hooks) { m_hooks = std::move(hooks); }

    RecordingSession *session(int id) const;
    std::vector<int> ids() const;
    int activeCount() const; // waiting + recording + stopping

signals:
    void recordingAdded(int id);
    void recordingStateChanged(int id, tapedeck::RecordState state, const QString &reason);
    void chunkFinished(int id, const QString &path);
    void recordingFinished(int id, const QStringList &files);
    void recordingFailed(int id, const QString &reason);
    void recordingRemoved(int id);
    void previewFrame(int id, const tapedeck::PreviewFrame &frame);

private:
    std::map<int, std::unique_ptr<RecordingSession>> m_sessions;
    int m_nextId = 1;
    SessionHooks m_hooks;
};

} // namespace tapedeck

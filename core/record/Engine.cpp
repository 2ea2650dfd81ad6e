#include "core/record/Engine.h"

#include "core/base/Log.h"

namespace tapedeck {

Engine::Engine(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<tapedeck::RecordState>();
    qRegisterMetaType<tapedeck::RecordStats>();
    qRegisterMetaType<tapedeck::PreviewFrame>();
}

Engine::~Engine() { shutdown(); }

QStringList Engine::shutdown()
{
    // Every stop first: the sessions wind down in parallel, and each one's
    // deadline counts from its own stop and last progress.
    stopAll();
    QStringList abandoned;
    for (auto &[id, s] : m_sessions)
        if (const QString what = s->stopWithin(m_shutdownDeadlineMs); !what.isEmpty())
            abandoned << what;
    return abandoned;
}

Result<int> Engine::startRecording(const RecordParams &params)
{
    const int id = m_nextId++;
    auto session = std::make_unique<RecordingSession>(id, params, this, m_hooks);
    RecordingSession *s = session.get();
    connect(s, &RecordingSession::stateChanged, this, &Engine::recordingStateChanged);
    connect(s, &RecordingSession::chunkFinished, this, &Engine::chunkFinished);
    connect(s, &RecordingSession::takeFinished, this, &Engine::takeFinished);
    connect(s, &RecordingSession::finished, this, &Engine::recordingFinished);
    connect(s, &RecordingSession::failed, this, &Engine::recordingFailed);
    connect(s, &RecordingSession::previewFrame, this, &Engine::previewFrame);
    if (Status st = s->start(); !st)
        return st.error();
    m_sessions.emplace(id, std::move(session));
    return id;
}

void Engine::stopRecording(int id)
{
    if (RecordingSession *s = session(id))
        s->stop();
}

void Engine::stopAll()
{
    for (auto &[id, s] : m_sessions)
        s->stop();
}

bool Engine::waitAll(int timeoutMs)
{
    bool all = true;
    for (auto &[id, s] : m_sessions)
        all = s->wait(timeoutMs) && all;
    return all;
}

void Engine::removeRecording(int id)
{
    auto it = m_sessions.find(id);
    if (it == m_sessions.end())
        return;
    it->second->stopWithin(m_shutdownDeadlineMs);
    m_sessions.erase(it);
}

RecordingSession *Engine::session(int id) const
{
    auto it = m_sessions.find(id);
    return it == m_sessions.end() ? nullptr : it->second.get();
}

std::vector<int> Engine::ids() const
{
    std::vector<int> out;
    for (const auto &[id, s] : m_sessions)
        out.push_back(id);
    return out;
}

int Engine::activeCount() const
{
    int n = 0;
    for (const auto &[id, s] : m_sessions) {
        const RecordState st = s->state();
        if (st == RecordState::Waiting || st == RecordState::Recording || st == RecordState::Stopping)
            ++n;
    }
    return n;
}

} // namespace tapedeck

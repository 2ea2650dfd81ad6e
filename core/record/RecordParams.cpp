// The words and the rules of RecordParams.h: gap modes, why a recording
// ended, and the table of a recording's states (which change is legal).

#include "core/record/RecordParams.h"

namespace tapedeck {

GapMode effectiveGapMode(GapMode mode, const QString &source)
{
    if (mode != GapMode::Auto)
        return mode;
    return source.startsWith(QStringLiteral("rtsp"), Qt::CaseInsensitive) ? GapMode::RealTime : GapMode::Close;
}

QString gapModeName(GapMode mode)
{
    switch (mode) {
    case GapMode::Auto:
        return QStringLiteral("auto");
    case GapMode::Close:
        return QStringLiteral("close");
    case GapMode::RealTime:
        return QStringLiteral("real");
    }
    return QString();
}

Result<GapMode> parseGapMode(const QString &name)
{
    for (GapMode m : {GapMode::Auto, GapMode::Close, GapMode::RealTime})
        if (name.compare(gapModeName(m), Qt::CaseInsensitive) == 0)
            return m;
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("gaps takes close, real or auto (got \"%1\")").arg(name));
}

QString endReasonText(EndReason why, const QString &detail)
{
    switch (why) {
    case EndReason::Stopped:
        return QString();
    case EndReason::SourceGone:
        return QStringLiteral("the source ended: %1").arg(detail);
    case EndReason::DiskReserve:
        return QStringLiteral("stopped: free disk space fell below the reserve of %1 MB").arg(detail);
    case EndReason::NeverAppeared:
        return QStringLiteral("cancelled before the stream appeared; no file was created");
    case EndReason::NoKeyframe:
        return QStringLiteral("the stream ended before its first keyframe; no file was created");
    case EndReason::Failed:
        return detail;
    }
    return detail;
}

QString recordStateName(RecordState s)
{
    switch (s) {
    case RecordState::Waiting:
        return QStringLiteral("waiting");
    case RecordState::Recording:
        return QStringLiteral("recording");
    case RecordState::Stopping:
        return QStringLiteral("stopping");
    case RecordState::Finished:
        return QStringLiteral("finished");
    case RecordState::Failed:
        return QStringLiteral("failed");
    }
    return QString();
}

bool isTerminalState(RecordState s) { return s == RecordState::Finished || s == RecordState::Failed; }

// The one table of a recording's life (docs/architecture.md draws it):
//   Waiting   -> Recording (the source opened), Stopping (stop asked),
//                Finished / Failed (ended before it opened)
//   Recording -> Stopping (stop asked, --duration reached, disk reserve),
//                Finished / Failed (the source ended, a write failed),
//                Waiting (StartMode::WheneverLive: the stream went away,
//                its take's files are closed, the next time is awaited)
//   Stopping  -> Finished / Failed (the writer closed the files)
// Finished and Failed are terminal. A reconnect stays in Recording.
bool isLegalTransition(RecordState from, RecordState to)
{
    switch (from) {
    case RecordState::Waiting:
        return to != RecordState::Waiting;
    case RecordState::Recording:
        return to == RecordState::Stopping || to == RecordState::Waiting || isTerminalState(to);
    case RecordState::Stopping:
        return isTerminalState(to);
    case RecordState::Finished:
    case RecordState::Failed:
        return false;
    }
    return false;
}

} // namespace tapedeck

#pragma once
// Tapedeck's log. Every message passes through redactText() before it is
// stored or printed, so credentials never reach a log, whoever wrote the line.

#include <QString>

#include <functional>

namespace tapedeck {

enum class LogLevel { Debug, Info, Warning, Error };

void logMessage(LogLevel level, const QString &message);
inline void logDebug(const QString &m) { logMessage(LogLevel::Debug, m); }
inline void logInfo(const QString &m) { logMessage(LogLevel::Info, m); }
inline void logWarning(const QString &m) { logMessage(LogLevel::Warning, m); }
inline void logError(const QString &m) { logMessage(LogLevel::Error, m); }

// Where log lines go. The default sink writes Warning and above to stderr
// (Debug too when TAPEDECK_DEBUG is set). The sink receives redacted text.
using LogSink = std::function<void(LogLevel, const QString &)>;
void setLogSink(LogSink sink);
void resetLogSink();

} // namespace tapedeck

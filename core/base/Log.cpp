#include "core/base/Log.h"

#include "core/base/Redact.h"

#include <QDateTime>

#include <cstdio>
#include <mutex>

namespace tapedeck {
namespace {

std::mutex &sinkMutex()
{
    static std::mutex m;
    return m;
}

LogSink &sink()
{
    static LogSink s;
    return s;
}

const char *levelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug:
        return "debug";
    case LogLevel::Info:
        return "info";
    case LogLevel::Warning:
        return "warning";
    case LogLevel::Error:
        return "error";
    }
    return "?";
}

void defaultSink(LogLevel level, const QString &text)
{
    static const bool debug = qEnvironmentVariableIsSet("TAPEDECK_DEBUG");
    if (level < LogLevel::Warning && !debug)
        return;
    const QByteArray line =
        QStringLiteral("[%1] %2: %3\n")
            .arg(QDateTime::currentDateTime().toString(Qt::ISODateWithMs), QString::fromLatin1(levelName(level)), text)
            .toUtf8();
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
}

} // namespace

void logMessage(LogLevel level, const QString &message)
{
    const QString clean = redactText(message);
    std::lock_guard lock(sinkMutex());
    if (sink())
        sink()(level, clean);
    else
        defaultSink(level, clean);
}

void setLogSink(LogSink s)
{
    std::lock_guard lock(sinkMutex());
    sink() = std::move(s);
}

void resetLogSink()
{
    std::lock_guard lock(sinkMutex());
    sink() = nullptr;
}

} // namespace tapedeck

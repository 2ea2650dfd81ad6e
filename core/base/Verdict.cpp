#include "core/base/Verdict.h"

namespace tapedeck {

QString verdictName(Verdict v)
{
    switch (v) {
    case Verdict::Complete:
        return QStringLiteral("complete");
    case Verdict::Partial:
        return QStringLiteral("partial");
    case Verdict::Damaged:
        return QStringLiteral("damaged");
    case Verdict::Unrecoverable:
        return QStringLiteral("unrecoverable");
    case Verdict::NotRecording:
        return QStringLiteral("not-a-recording");
    case Verdict::InUse:
        return QStringLiteral("in-use");
    case Verdict::Empty:
        return QStringLiteral("empty");
    }
    return QString();
}

} // namespace tapedeck

#include "ui/FailureText.h"

#include "ui/ActiveRecordingsView.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>

#include <array>

namespace tapedeck {
namespace ui {

namespace {

// The sentences the source dialog's Check already says for the same
// failures of the same kind of open: one wording (and its translations)
// for both places, in the context they were translated in.
QString probeText(const char *text) { return QCoreApplication::translate("tapedeck::ui::ProbeJob", text); }

QString cardText(const char *text) { return QCoreApplication::translate("tapedeck::ui::RecordingCard", text); }

enum class Kind { CannotConnect, NoAnswer, NotFound, CannotRead, CannotOpen, DiskFull, CannotWrite, TracksGone };

struct Pattern {
    Kind kind;
    const char *regex; // capture 1: what it is about (address, host, file)
};

// The engine's wordings (core/source/FormatSource.cpp, core/io/File.cpp,
// core/record/RecordingSessionReader.cpp), most specific first.
const std::array<Pattern, 13> kPatterns{{
    {Kind::TracksGone, R"re(^the source came back without the tracks chosen for this recording)re"},
    {Kind::DiskFull, R"re(^cannot write (.+?): .* \(the disk is full\)$)re"},
    {Kind::CannotWrite, R"re(^cannot write (.+?): )re"},
    {Kind::CannotConnect, R"re(^nothing is listening at (.+) \(connection refused\)$)re"},
    {Kind::CannotConnect, R"re(^cannot reach (.+) \(.*\)$)re"},
    {Kind::NoAnswer, R"re(^the name server did not answer for "(.+)" within [0-9.]+ s$)re"},
    {Kind::NoAnswer, R"re(^(.+) did not answer within [0-9.]+ s$)re"},
    {Kind::NotFound, R"re(^the host name "(.+)" does not resolve)re"},
    {Kind::NotFound, R"re(^stream not found at (.+)$)re"},
    {Kind::NotFound, R"re(^(.+) does not exist$)re"},
    {Kind::CannotRead, R"re(^(.+) is not a media stream Tapedeck can read$)re"},
    {Kind::CannotOpen, R"re(^cannot open (.+?): )re"},
    {Kind::CannotOpen, R"re(^cannot open (.+)$)re"},
}};

QString sentenceFor(Kind kind, const QString &about)
{
    switch (kind) {
    case Kind::CannotConnect:
        return probeText(QT_TRANSLATE_NOOP(
                             "tapedeck::ui::ProbeJob",
                             "Could not connect to the server. Check the address and that the server is running. (%1)"))
            .arg(about);
    case Kind::NoAnswer:
        return probeText(QT_TRANSLATE_NOOP("tapedeck::ui::ProbeJob",
                                           "The source did not answer in time. Is the stream live? (%1)"))
            .arg(about);
    case Kind::NotFound:
        return probeText(QT_TRANSLATE_NOOP("tapedeck::ui::ProbeJob", "Nothing was found at this address. (%1)"))
            .arg(about);
    case Kind::CannotRead:
        return probeText(QT_TRANSLATE_NOOP("tapedeck::ui::ProbeJob", "Tapedeck cannot read this kind of source. (%1)"))
            .arg(about);
    case Kind::CannotOpen:
        return probeText(QT_TRANSLATE_NOOP("tapedeck::ui::ProbeJob", "The source could not be opened: %1")).arg(about);
    case Kind::DiskFull:
        return cardText(QT_TRANSLATE_NOOP("tapedeck::ui::RecordingCard",
                                          "The disk is full: the recording stopped. Free some space and record "
                                          "again. (%1)"))
            .arg(QFileInfo(about).absolutePath());
    case Kind::CannotWrite:
        return cardText(QT_TRANSLATE_NOOP("tapedeck::ui::RecordingCard",
                                          "The recording could not be written to the disk. (%1)"))
            .arg(about);
    case Kind::TracksGone:
        return cardText(QT_TRANSLATE_NOOP("tapedeck::ui::RecordingCard",
                                          "The source came back without the tracks chosen for this recording: the "
                                          "recording ended there and keeps what it had."));
    }
    return QString();
}

} // namespace

QString failureSentence(const QString &engineLine)
{
    const QString line = engineLine.trimmed();
    if (line.isEmpty())
        return line;
    // The MP4 writer wraps the reason (core/mp4/Mp4Writer.cpp): the reason
    // is said, then that the sidecars are kept.
    static const QRegularExpression mp4(
        QStringLiteral(R"re(^MP4 recording to .+? failed: (.+) — the sidecar files are kept for recovery$)re"));
    if (const QRegularExpressionMatch m = mp4.match(line); m.hasMatch())
        return failureSentence(m.captured(1)) + u' '
            + cardText(QT_TRANSLATE_NOOP("tapedeck::ui::RecordingCard",
                                         "What was written is kept: File → Recover recordings… rebuilds it."));
    for (const Pattern &p : kPatterns) {
        const QRegularExpressionMatch m = QRegularExpression(QString::fromLatin1(p.regex)).match(line);
        if (m.hasMatch())
            return sentenceFor(p.kind, m.captured(1));
    }
    if (QLocale().language() == QLocale::English)
        return friendlySentence(line);
    return cardText(
        QT_TRANSLATE_NOOP("tapedeck::ui::RecordingCard",
                          "The recording failed. Hold the mouse over this message for the details (in English)."));
}

} // namespace ui
} // namespace tapedeck

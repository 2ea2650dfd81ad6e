// Text subtitles and file-level tags in MP4 (issue 17, points 2 and 3): a
// source's text subtitles (SubRip, ASS, WebVTT in Matroska; mov_text in MP4)
// become an MP4 text track (tx3g) with their language, and the cues FFmpeg
// reads back from the recording are the source's, text and times; the
// source's title and description reach the file. A real `tapedeck record`
// killed with SIGKILL leaves a set that rebuilds with the same track and tags.
// ffprobe and ffmpeg are the judges.
#include "NetTest.h"

#include "core/mp4/Rebuild.h"
#include "core/mp4/Sidecar.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QThread>

#include <csignal>
#include <sys/types.h>

using namespace nettest;

namespace {

struct Cue {
    qint64 startMs = 0, endMs = 0;
    QString text;
    bool operator==(const Cue &o) const { return startMs == o.startMs && endMs == o.endMs && text == o.text; }
};

QString cueList(const std::vector<Cue> &cues)
{
    QStringList out;
    for (const Cue &c : cues)
        out << QStringLiteral("[%1-%2 %3]").arg(c.startMs).arg(c.endMs).arg(c.text);
    return out.join(u' ');
}

// The cues of a SubRip document.
std::vector<Cue> parseSrt(const QString &srt)
{
    std::vector<Cue> out;
    static const QRegularExpression time(QStringLiteral(R"((\d+):(\d+):(\d+),(\d+) --> (\d+):(\d+):(\d+),(\d+))"));
    const QStringList blocks = QString(srt)
                                   .replace(QStringLiteral("\r\n"), QStringLiteral("\n"))
                                   .split(QRegularExpression(QStringLiteral("\n\\s*\n")), Qt::SkipEmptyParts);
    for (const QString &b : blocks) {
        QStringList lines = b.split(u'\n');
        while (!lines.isEmpty() && !time.match(lines.first()).hasMatch())
            lines.removeFirst();
        if (lines.isEmpty())
            continue;
        const auto m = time.match(lines.takeFirst());
        auto ms = [&m](int i) {
            return ((m.captured(i).toLongLong() * 60 + m.captured(i + 1).toLongLong()) * 60
                    + m.captured(i + 2).toLongLong())
                * 1000
                + m.captured(i + 3).toLongLong();
        };
        out.push_back({ms(1), ms(5), lines.join(u'\n').trimmed()});
    }
    return out;
}

// Where the first picture of `file` is, in ms after the time FFmpeg's
// SubRip output counts from (the file's start): a cue's place is judged
// against the picture, as a viewer sees it.
qint64 videoStartMs(const QString &file)
{
    const auto r = testsupport::runTool(QStringLiteral("ffprobe"),
                                        {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-show_entries"),
                                         QStringLiteral("stream=codec_type,start_time:format=start_time"),
                                         QStringLiteral("-of"), QStringLiteral("json"), file});
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    double video = 0;
    for (const auto &v : o.value(QStringLiteral("streams")).toArray())
        if (v.toObject().value(QStringLiteral("codec_type")).toString() == u"video")
            video = v.toObject().value(QStringLiteral("start_time")).toString().toDouble();
    const double start =
        o.value(QStringLiteral("format")).toObject().value(QStringLiteral("start_time")).toString().toDouble();
    return qRound64((video - start) * 1000);
}

// `ffmpeg -i FILE -map 0:s:N -f srt -`: the cues FFmpeg reads from a file,
// timed from its first picture.
std::vector<Cue> cuesOf(const QString &file, int subtitle = 0)
{
    const auto r = testsupport::runTool(QStringLiteral("ffmpeg"),
                                        {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), file,
                                         QStringLiteral("-map"), QStringLiteral("0:s:%1").arg(subtitle),
                                         QStringLiteral("-f"), QStringLiteral("srt"), QStringLiteral("-")});
    std::vector<Cue> cues = parseSrt(QString::fromUtf8(r.out));
    const qint64 video = videoStartMs(file);
    for (Cue &c : cues) {
        c.startMs -= video;
        c.endMs -= video;
    }
    return cues;
}

// Cue texts with a gap between every two (the recording must keep the gaps):
// plain, non-ASCII, two lines, italic.
QString writeSrt(const QString &dir, int count)
{
    QString srt;
    auto stamp = [](qint64 ms) {
        return QStringLiteral("%1:%2:%3,%4")
            .arg(ms / 3600000, 2, 10, QLatin1Char('0'))
            .arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'))
            .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'))
            .arg(ms % 1000, 3, 10, QLatin1Char('0'));
    };
    const QStringList texts{QStringLiteral("Hello, world"), QStringLiteral("Grüße aus dem Test"),
                            QStringLiteral("Line one\nLine two"), QStringLiteral("<i>In italics</i>")};
    for (int i = 0; i < count; ++i) {
        const qint64 start = 300 + i * 1000LL, end = start + 550 + (i % 3) * 50;
        srt += QStringLiteral("%1\n%2 --> %3\n%4\n\n")
                   .arg(i + 1)
                   .arg(stamp(start), stamp(end), i < texts.size() ? texts[i] : QStringLiteral("Cue %1").arg(i + 1));
    }
    const QString path = dir + QStringLiteral("/cues.srt");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(srt.toUtf8());
    return path;
}

// An A/V source with one subtitle stream of `codec` (German) and a title and
// description, in Matroska (or MP4 for mov_text).
QString makeSource(const QString &dir, const QString &codec, int seconds, QString *why)
{
    const QString srt = writeSrt(dir, seconds - 1);
    const QString out = dir + QStringLiteral("/source_") + codec
        + (codec == u"mov_text" ? QStringLiteral(".mp4") : QStringLiteral(".mkv"));
    const QString dur = QString::number(seconds);
    const auto r = testsupport::runTool(QStringLiteral("ffmpeg"),
                                        {QStringLiteral("-v"),
                                         QStringLiteral("error"),
                                         QStringLiteral("-y"),
                                         QStringLiteral("-f"),
                                         QStringLiteral("lavfi"),
                                         QStringLiteral("-i"),
                                         QStringLiteral("testsrc2=size=320x240:rate=25:duration=") + dur,
                                         QStringLiteral("-f"),
                                         QStringLiteral("lavfi"),
                                         QStringLiteral("-i"),
                                         QStringLiteral("sine=frequency=440:sample_rate=48000:duration=") + dur,
                                         QStringLiteral("-i"),
                                         srt,
                                         QStringLiteral("-map"),
                                         QStringLiteral("0"),
                                         QStringLiteral("-map"),
                                         QStringLiteral("1"),
                                         QStringLiteral("-map"),
                                         QStringLiteral("2"),
                                         QStringLiteral("-c:v"),
                                         QStringLiteral("libx264"),
                                         QStringLiteral("-g"),
                                         QStringLiteral("25"),
                                         QStringLiteral("-pix_fmt"),
                                         QStringLiteral("yuv420p"),
                                         QStringLiteral("-c:a"),
                                         QStringLiteral("aac"),
                                         QStringLiteral("-c:s"),
                                         codec,
                                         QStringLiteral("-metadata:s:s:0"),
                                         QStringLiteral("language=deu"),
                                         QStringLiteral("-metadata"),
                                         QStringLiteral("title=Faithful subtitles"),
                                         QStringLiteral("-metadata"),
                                         QStringLiteral("description=A source that says what it is"),
                                         out});
    if (r.exitCode != 0) {
        *why = QString::fromUtf8(r.err);
        return {};
    }
    return out;
}

QJsonObject probe(const QString &file)
{
    const auto r =
        testsupport::runTool(QStringLiteral("ffprobe"),
                             {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-show_streams"),
                              QStringLiteral("-show_format"), QStringLiteral("-of"), QStringLiteral("json"), file});
    return QJsonDocument::fromJson(r.out).object();
}

QJsonObject subtitleStream(const QJsonObject &probed)
{
    for (const auto &v : probed.value(QStringLiteral("streams")).toArray())
        if (v.toObject().value(QStringLiteral("codec_type")).toString() == u"subtitle")
            return v.toObject();
    return {};
}

QString formatTag(const QJsonObject &probed, const char *key)
{
    const QJsonObject tags = probed.value(QStringLiteral("format")).toObject().value(QStringLiteral("tags")).toObject();
    for (auto it = tags.begin(); it != tags.end(); ++it)
        if (it.key().compare(QLatin1String(key), Qt::CaseInsensitive) == 0)
            return it.value().toString();
    return {};
}

// The cues of `got` equal those of `want` (each within 1 ms: both went
// through millisecond SubRip times).
bool sameCues(const std::vector<Cue> &want, const std::vector<Cue> &got, QString *why)
{
    if (want.size() != got.size()) {
        *why = QStringLiteral("%1 cue(s) instead of %2: %3").arg(got.size()).arg(want.size()).arg(cueList(got));
        return false;
    }
    for (size_t i = 0; i < want.size(); ++i) {
        if (want[i].text != got[i].text || std::abs(want[i].startMs - got[i].startMs) > 1
            || std::abs(want[i].endMs - got[i].endMs) > 1) {
            *why = QStringLiteral("cue %1: want %2, got %3").arg(i + 1).arg(cueList({want[i]}), cueList({got[i]}));
            return false;
        }
    }
    return true;
}

qint64 recordsIn(const QString &trackPath)
{
    const qint64 size = QFileInfo(trackPath).size();
    return size < tapedeck::mp4::kTrackHeaderSize
        ? 0
        : (size - tapedeck::mp4::kTrackHeaderSize) / tapedeck::mp4::kRecordSize;
}

} // namespace

class TstNetSubtitles : public QObject {
    Q_OBJECT
private slots:
    void textSubtitlesKeptInMp4_data()
    {
        QTest::addColumn<QString>("codec");
        for (const char *c : {"subrip", "ass", "webvtt", "mov_text"})
            QTest::newRow(c) << QString::fromLatin1(c);
    }

    // The recorded MP4 has a mov_text track in the source's language, and
    // FFmpeg reads the same cues from it as from the source.
    void textSubtitlesKeptInMp4()
    {
        QFETCH(QString, codec);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        QTemporaryDir dir;
        QString why;
        const QString src = makeSource(dir.path(), codec, 6, &why);
        QVERIFY2(!src.isEmpty(), qPrintable(why));
        const std::vector<Cue> want = cuesOf(src);
        QCOMPARE(int(want.size()), 5);

        auto p = liveParams(src, tapedeck::ContainerType::Mp4, dir.filePath(QStringLiteral("rec")));
        Recorder rec(p);
        QVERIFY(rec.start().ok());
        QVERIFY2(rec.waitEnded(60000), qPrintable(describe(rec)));
        const QStringList files = rec.files();
        QCOMPARE(files.size(), 1);
        const QString notes = rec.session().notes().join(u'\n');
        QVERIFY2(!notes.contains(QStringLiteral("left out")), qPrintable(notes));

        const QJsonObject probed = probe(files.first());
        const QJsonObject sub = subtitleStream(probed);
        QCOMPARE(sub.value(QStringLiteral("codec_name")).toString(), QStringLiteral("mov_text"));
        QCOMPARE(sub.value(QStringLiteral("tags")).toObject().value(QStringLiteral("language")).toString(),
                 QStringLiteral("deu"));
        const std::vector<Cue> got = cuesOf(files.first());
        qInfo("source: %s", qPrintable(cueList(want)));
        qInfo("recording: %s", qPrintable(cueList(got)));
        QVERIFY2(sameCues(want, got, &why), qPrintable(why));
        // Point 2: the file-level title and description.
        QCOMPARE(formatTag(probed, "title"), QStringLiteral("Faithful subtitles"));
        QCOMPARE(formatTag(probed, "description"), QStringLiteral("A source that says what it is"));
        judgeFiles(files, {});
    }

    // The same source to TS and FLV: their muxers have no text subtitle
    // stream FFmpeg can write, so the notes name it as left out; the title
    // reaches the file as each container carries it (TS: the service name
    // when the source names no service; FLV: onMetaData).
    void tsAndFlvSayWhatTheyLeftOut_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("ts") << QStringLiteral("ts");
        QTest::newRow("flv") << QStringLiteral("flv");
    }

    void tsAndFlvSayWhatTheyLeftOut()
    {
        QFETCH(QString, format);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        QTemporaryDir dir;
        QString why;
        const QString src = makeSource(dir.path(), QStringLiteral("subrip"), 4, &why);
        QVERIFY2(!src.isEmpty(), qPrintable(why));
        Recorder rec(liveParams(src, containerOf(format), dir.filePath(QStringLiteral("rec"))));
        QVERIFY(rec.start().ok());
        QVERIFY2(rec.waitEnded(60000), qPrintable(describe(rec)));
        QCOMPARE(rec.files().size(), 1);
        const QString notes = rec.session().notes().join(u'\n');
        qInfo("notes: %s", qPrintable(notes));
        QVERIFY2(notes.contains(QStringLiteral("left out")) && notes.contains(QStringLiteral("subrip deu")),
                 qPrintable(notes));
        // ... and where it can go: MP4 keeps text subtitles.
        QVERIFY2(notes.contains(QStringLiteral("record to MP4 to keep text subtitles")), qPrintable(notes));
        QVERIFY(subtitleStream(probe(rec.files().first())).isEmpty());
        const auto r = testsupport::runTool(QStringLiteral("ffprobe"),
                                            {QStringLiteral("-v"), QStringLiteral("error"),
                                             QStringLiteral("-show_format"), QStringLiteral("-show_programs"),
                                             QStringLiteral("-of"), QStringLiteral("json"), rec.files().first()});
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        if (format == u"flv") {
            QCOMPARE(formatTag(o, "title"), QStringLiteral("Faithful subtitles"));
        } else {
            const QJsonArray programs = o.value(QStringLiteral("programs")).toArray();
            QVERIFY(!programs.isEmpty());
            QCOMPARE(programs.first()
                         .toObject()
                         .value(QStringLiteral("tags"))
                         .toObject()
                         .value(QStringLiteral("service_name"))
                         .toString(),
                     QStringLiteral("Faithful subtitles"));
        }
        judgeFiles(rec.files(), {});
    }

    // SIGKILL of a real `tapedeck record --type mp4` while the cues come in
    // (--realtime): the rebuilt file has the text track, its language, the
    // title, and every cue indexed before the kill, as the source has them.
    void textTrackSurvivesKill()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        QTemporaryDir dir;
        QString why;
        const QString src = makeSource(dir.path(), QStringLiteral("subrip"), 20, &why);
        QVERIFY2(!src.isEmpty(), qPrintable(why));
        const std::vector<Cue> want = cuesOf(src);
        const QString base = dir.filePath(QStringLiteral("killed"));
        QProcess p;
        p.setProgram(testsupport::tapedeckBinary());
        p.setArguments({QStringLiteral("record"), src, QStringLiteral("--type"), QStringLiteral("mp4"),
                        QStringLiteral("--out"), base, QStringLiteral("--realtime")});
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p.start();
        QVERIFY(p.waitForStarted(10000));
        // Track 3 is the text: wait for three cues and the gaps between them.
        const QString textTrack = base + QStringLiteral(".mp4.track3");
        QDeadlineTimer deadline(60000);
        while (recordsIn(textTrack) < 6 && !deadline.hasExpired() && p.state() == QProcess::Running)
            QThread::msleep(20);
        QVERIFY2(recordsIn(textTrack) >= 6, "the text track got no records");
        QCOMPARE(::kill(pid_t(p.processId()), SIGKILL), 0);
        QVERIFY(p.waitForFinished(10000));
        QVERIFY(!QFileInfo::exists(base + QStringLiteral(".mp4")));

        const auto rebuilt = tapedeck::mp4::rebuildMp4(base + QStringLiteral(".mp4"));
        QVERIFY2(rebuilt.ok(), qPrintable(rebuilt.message()));
        const QString file = rebuilt->outputPath;
        const QJsonObject probed = probe(file);
        const QJsonObject sub = subtitleStream(probed);
        QCOMPARE(sub.value(QStringLiteral("codec_name")).toString(), QStringLiteral("mov_text"));
        QCOMPARE(sub.value(QStringLiteral("tags")).toObject().value(QStringLiteral("language")).toString(),
                 QStringLiteral("deu"));
        QCOMPARE(formatTag(probed, "title"), QStringLiteral("Faithful subtitles"));
        const std::vector<Cue> got = cuesOf(file);
        qInfo("after the kill: %s", qPrintable(cueList(got)));
        QVERIFY(got.size() >= 3 && got.size() < want.size());
        QVERIFY2(sameCues(std::vector<Cue>(want.begin(), want.begin() + qsizetype(got.size())), got, &why),
                 qPrintable(why));
        QVERIFY(testsupport::ffmpegDecodeErrors(file).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstNetSubtitles)
#include "tst_net_subtitles.moc"

// Issue 11, holes 5 and 6: what recovery meets on a real disk besides
// recordings.
//  - Special files: a FIFO named like a sidecar or an orphan must not hang
//    the scanner or `recover --dry-run` (real mkfifo, bounded waits); a
//    symbolic link in a sidecar set is refused with a reason, and neither the
//    link nor the file it points to is changed (recovery renames the data file
//    into the result and writes into it: through a link that would be a
//    result that is a link, and a write into a file elsewhere).
//  - Names that are not valid UTF-8: found, rebuilt, and the output carries
//    the same bytes (created and checked with POSIX calls, never through a
//    QString, which is what lost them).

#include "RecoveryTestUtil.h"

#include "core/io/Paths.h"
#include "core/recovery/Scanner.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <future>

using namespace rtest;

namespace {

// File names in `dir` as raw bytes.
QList<QByteArray> rawNames(const QByteArray &dir)
{
    QList<QByteArray> out;
    DIR *d = ::opendir(dir.constData());
    if (!d)
        return out;
    while (const dirent *e = ::readdir(d)) {
        const QByteArray n(e->d_name);
        if (n != "." && n != "..")
            out << n;
    }
    ::closedir(d);
    std::sort(out.begin(), out.end());
    return out;
}

QByteArray fileBytes(const QByteArray &path)
{
    QByteArray out;
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return out;
    char buf[65536];
    ssize_t n = 0;
    while ((n = ::read(fd, buf, sizeof buf)) > 0)
        out.append(buf, qsizetype(n));
    ::close(fd);
    return out;
}

// `tapedeck ARGS` where some arguments are raw bytes: a shell builds them
// with printf from octal escapes, so no QString (and no lossy conversion)
// stands between the test and the program's argv.
testsupport::ToolResult runWithRawArgs(const QList<QByteArray> &args, int timeoutMs = 120000)
{
    QString script = QStringLiteral("exec \"$0\"");
    for (const QByteArray &a : args) {
        QString esc;
        for (char c : a)
            esc += QStringLiteral("\\%1").arg(int(quint8(c)), 3, 8, QLatin1Char('0'));
        script += QStringLiteral(" \"$(printf '%1')\"").arg(esc);
    }
    return testsupport::runTool(QStringLiteral("/bin/sh"),
                                {QStringLiteral("-c"), script, testsupport::tapedeckBinary()}, timeoutMs);
}

// A SIGKILLed MP4 recording: NAME.mp4.{info,mdat,track1,track2}.
bool killedSet(const QString &base)
{
    return recordAndKill(
        {QStringLiteral("--type"), QStringLiteral("mp4"), QStringLiteral("--out"), base, QStringLiteral("-q")},
        base + QStringLiteral(".mp4.track1"), 16 + 40 * 20);
}

} // namespace

class TestRecoverSpecial : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        // The locale the issue names; Qt 6 decodes names as UTF-8 in any
        // locale, which is exactly what loses bytes that are not UTF-8.
        qputenv("LC_ALL", "C.UTF-8");
    }

    // encodePath/decodePath round-trip every byte string, and agree with Qt
    // on every valid UTF-8 name.
    void pathBytesRoundTrip()
    {
        for (int a = 0; a < 256; ++a) {
            for (int b = 0; b < 256; ++b) {
                const QByteArray bytes = QByteArray(1, char(a)) + char(b) + "x";
                QCOMPARE(tapedeck::encodePath(tapedeck::decodePath(bytes)), bytes);
            }
        }
        QRandomGenerator rng(11);
        for (int i = 0; i < 20000; ++i) {
            QByteArray bytes(1 + int(rng.bounded(12)), '\0');
            for (char &c : bytes)
                c = char(rng.bounded(256));
            const QString s = tapedeck::decodePath(bytes);
            QCOMPARE(tapedeck::encodePath(s), bytes);
            QCOMPARE(tapedeck::decodePath(tapedeck::encodePath(s)), s);
        }
        for (const char *valid :
             {"plain.mp4", "caf\xc3\xa9.mp4", "\xe6\x97\xa5\xe6\x9c\xac.ts", "\xf0\x9f\x8e\xa5 rec.flv"}) {
            QCOMPARE(tapedeck::decodePath(QByteArray(valid)), QFile::decodeName(QByteArray(valid)));
            QCOMPARE(tapedeck::encodePath(QFile::decodeName(QByteArray(valid))), QByteArray(valid));
        }
        // Overlong forms and encoded surrogates are not UTF-8: kept as bytes.
        for (const char *bad : {"\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xff\xfe"})
            QCOMPARE(tapedeck::encodePath(tapedeck::decodePath(QByteArray(bad))), QByteArray(bad));
    }

    // A FIFO in place of one member of a real sidecar set: the scan and a dry
    // run finish (bounded), the set is refused with the reason, nothing moves.
    void fifoMemberDoesNotHang_data()
    {
        QTest::addColumn<QString>("member");
        QTest::newRow(".mdat") << ".mdat";
        QTest::newRow(".info") << ".info";
        QTest::newRow(".track1") << ".track1";
    }
    void fifoMemberDoesNotHang()
    {
        QFETCH(QString, member);
        QTemporaryDir dir;
        const QString base = dir.filePath(QStringLiteral("rec"));
        QVERIFY(killedSet(base));
        const QString fifo = base + QStringLiteral(".mp4") + member;
        QVERIFY(QFile::remove(fifo));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0644), 0);

        // The scanner in-process, on a thread: if it blocked on the FIFO the
        // test opens the FIFO's other end to release it, then fails.
        auto scan = std::async(std::launch::async, [&] {
            tapedeck::recovery::ScanParams p;
            p.paths << dir.path();
            return tapedeck::recovery::scanPaths(p);
        });
        if (scan.wait_for(std::chrono::seconds(60)) != std::future_status::ready) {
            const int fd = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK);
            scan.wait();
            if (fd >= 0)
                ::close(fd);
            QFAIL("the scanner blocked on a FIFO");
        }
        const auto res = scan.get();
        QCOMPARE(res.orphans.size(), size_t(1));
        QCOMPARE(res.orphans[0].verdict, tapedeck::recovery::Verdict::Unrecoverable);
        QVERIFY2(res.orphans[0].reason.contains(QLatin1String("FIFO")), qPrintable(res.orphans[0].reason));

        for (const QStringList &args : {QStringList{QStringLiteral("--dry-run"), dir.path()}, QStringList{dir.path()},
                                        QStringList{QStringLiteral("--dry-run"), base + QStringLiteral(".mp4.info")}}) {
            const auto r = testsupport::runTapedeck(QStringList{QStringLiteral("recover")} + args, 60000);
            QVERIFY2(!r.timedOut, qPrintable(args.join(u' ') + QStringLiteral(": hung")));
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.out.contains("FIFO") || r.err.contains("FIFO"), r.out.constData());
        }
        struct stat st {};
        QCOMPARE(::lstat(QFile::encodeName(fifo).constData(), &st), 0);
        QVERIFY(S_ISFIFO(st.st_mode));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::System).size(), 4);
        QVERIFY(!QFileInfo::exists(base + QStringLiteral(".mp4")));
    }

    // FIFOs named like every kind of orphan, in a folder and named on the
    // command line.
    void fifoOrphanNamesDoNotHang()
    {
        QTemporaryDir dir;
        const QStringList names{QStringLiteral("a.ts"),      QStringLiteral("b.flv"), QStringLiteral("c.mp4.h264"),
                                QStringLiteral("c.mp4.aac"), QStringLiteral("d.mp4"), QStringLiteral("e.mp4.mdat")};
        for (const QString &n : names)
            QCOMPARE(::mkfifo(QFile::encodeName(dir.filePath(n)).constData(), 0644), 0);
        const auto r =
            testsupport::runTapedeck({QStringLiteral("recover"), QStringLiteral("--dry-run"), dir.path()}, 60000);
        QVERIFY2(!r.timedOut, "recover --dry-run FOLDER hung on a FIFO");
        QCOMPARE(r.exitCode, 0); // nothing that is a recording
        for (const QString &n : names) {
            const auto one = testsupport::runTapedeck(
                {QStringLiteral("recover"), QStringLiteral("--dry-run"), dir.filePath(n)}, 60000);
            QVERIFY2(!one.timedOut, qPrintable(n + QStringLiteral(": hung")));
            QCOMPARE(one.exitCode, 1);
            QVERIFY2(one.err.contains("FIFO"), qPrintable(n + QStringLiteral(": ") + QString::fromUtf8(one.err)));
        }
    }

    // Decision: a symbolic link in a sidecar set is refused, not followed and
    // not copied. Following it would rename the link into the result (a
    // result that is a link) and write the moov into a file elsewhere; a
    // copy would silently turn "recover" into "duplicate whatever the link
    // points at", which may be another recording or someone else's file.
    // The reason names the link's target, so the user can copy it in.
    void symlinkedDataFileIsRefused()
    {
        QTemporaryDir dir, elsewhere;
        const QString base = dir.filePath(QStringLiteral("rec"));
        QVERIFY(killedSet(base));
        const QString mdat = base + QStringLiteral(".mp4.mdat");
        const QString real = elsewhere.filePath(QStringLiteral("real.mdat"));
        QVERIFY(QFile::rename(mdat, real));
        QVERIFY(QFile::link(real, mdat));
        const QByteArray before = readAll(real);

        const auto dry =
            testsupport::runTapedeck({QStringLiteral("recover"), QStringLiteral("--dry-run"), dir.path()}, 60000);
        QCOMPARE(dry.exitCode, 1);
        QVERIFY2(dry.out.contains("symbolic link"), dry.out.constData());
        const auto run = testsupport::runTapedeck({QStringLiteral("recover"), dir.path()}, 60000);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains("symbolic link to " + real.toUtf8()), run.out.constData());

        struct stat st {};
        QVERIFY(::lstat(QFile::encodeName(base + QStringLiteral(".mp4")).constData(), &st) != 0); // no result, no link
        QCOMPARE(::lstat(QFile::encodeName(mdat).constData(), &st), 0);
        QVERIFY(S_ISLNK(st.st_mode));
        QCOMPARE(readAll(real), before); // nothing written through the link
        for (const char *m : {".mp4.info", ".mp4.track1", ".mp4.track2"})
            QVERIFY(QFileInfo::exists(base + QLatin1String(m)));
    }

    // Hole 6: a sidecar set and a TS whose names are not valid UTF-8.
    void namesThatAreNotUtf8()
    {
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        QTemporaryDir dir;
        const QByteArray d = QFile::encodeName(dir.path());
        const QString base = dir.filePath(QStringLiteral("plain"));
        QVERIFY(killedSet(base));
        const QByteArray stem = "caf\xe9-\xff\xfe"; // Latin-1 é, then bytes no UTF-8 has
        for (const char *m : {".mp4.info", ".mp4.mdat", ".mp4.track1", ".mp4.track2"})
            QCOMPARE(::rename(QFile::encodeName(base + QLatin1String(m)).constData(), (d + '/' + stem + m).constData()),
                     0);
        // A TS cut mid-packet, with a name that is not UTF-8 either.
        const auto rec = testsupport::runTapedeck(
            {QStringLiteral("record"), QStringLiteral("demo"), QStringLiteral("--type"), QStringLiteral("ts"),
             QStringLiteral("--duration"), QStringLiteral("2"), QStringLiteral("--out"),
             dir.filePath(QStringLiteral("feed")), QStringLiteral("-q")});
        QCOMPARE(rec.exitCode, 0);
        QFile ts(dir.filePath(QStringLiteral("feed.ts")));
        QVERIFY(ts.resize(ts.size() - 100));
        const QByteArray tsName = "\x80\xc3-feed.ts";
        QCOMPARE(::rename(QFile::encodeName(ts.fileName()).constData(), (d + '/' + tsName).constData()), 0);

        // Found (not "missing"), in a folder scan and named on the command line.
        const auto dry = runWithRawArgs({"recover", "--dry-run", d + '/' + stem + ".mp4.info"}, 60000);
        QCOMPARE(dry.exitCode, 0);
        QVERIFY2(dry.out.contains("would rebuild"), dry.out.constData());
        const auto run = runWithRawArgs({"recover", d}, 300000);
        QVERIFY2(run.exitCode == 0, (run.out + run.err).constData());
        QCOMPARE(rawNames(d), (QList<QByteArray>{stem + ".mp4", tsName}));

        // The outputs decode: judged through plain-named hard links, so the
        // judge's own handling of names plays no part.
        for (const QByteArray &n : {stem + ".mp4", tsName}) {
            const QByteArray link = d + "/judge-" + QByteArray::number(qHash(n)) + (n.endsWith(".ts") ? ".ts" : ".mp4");
            QCOMPARE(::link((d + '/' + n).constData(), link.constData()), 0);
            const QString errors = testsupport::ffmpegDecodeErrors(QFile::decodeName(link));
            QVERIFY2(errors.isEmpty(), qPrintable(errors));
            QVERIFY(testsupport::ffprobeDuration(QFile::decodeName(link)) > 0.3);
            QCOMPARE(fileBytes(link).size() % (n.endsWith(".ts") ? 188 : 1), 0);
            ::unlink(link.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestRecoverSpecial)
#include "tst_recover_special.moc"

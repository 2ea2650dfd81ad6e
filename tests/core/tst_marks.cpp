// The marks of TS and FLV recordings (core/writer/MarksFile.h, issue 17
// point 4): the format read tolerantly, a marker of the studio written for
// a TS and an FLV recording, the library listing them under their file, and
// the marks going wherever the recording goes (rename, trash, delete,
// retention) while recovery never takes them for an orphan.
#include "core/app/Library.h"
#include "core/app/RecordingService.h"
#include "core/app/Retention.h"
#include "core/app/Settings.h"
#include "core/record/Engine.h"
#include "core/recovery/Classifier.h"
#include "core/recovery/Recover.h"
#include "core/writer/MarksFile.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const LibraryEntry *findEntry(const std::vector<LibraryEntry> &all, const QString &name)
{
    for (const LibraryEntry &e : all)
        if (e.name == name)
            return &e;
    return nullptr;
}

} // namespace

class TestMarks : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_ini = 0;

    // A TS or FLV recording of the demo source through the studio's service
    // with a marker dropped into it: the marks file is the product's.
    QString recordWithMarker(ContainerType type, const QString &folder, const QString &name)
    {
        Settings settings(m_tmp.filePath(QStringLiteral("marks_%1.ini").arg(++m_ini)));
        Engine engine;
        RecordingService service(settings, engine);
        RecordRequest r = service.request(QStringLiteral("demo?seconds=30"));
        r.folder = folder;
        r.nameForFiles = name;
        r.pattern = QStringLiteral("{source}");
        r.params.type = type;
        r.params.chunkDurationMs = 0;
        auto id = service.start(r);
        if (!id.ok()) {
            qWarning("%s", qPrintable(id.message()));
            return {};
        }
        const RecordingSession *s = engine.session(*id);
        if (!QTest::qWaitFor([&] { return s->state() == RecordState::Recording && s->stats().mediaMs > 1000; }, 30000))
            return {};
        service.addMarker(*id, QStringLiteral("Goal\tof the\nday"));
        if (!QTest::qWaitFor([&] { return s->stats().mediaMs > 2500; }, 30000))
            qWarning("the recording did not reach 2.5 s within 30 s; stopping it anyway");
        service.stopAll();
        engine.waitAll(30000);
        return s->files().isEmpty() ? QString() : s->files().constFirst();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        qputenv("HOME", m_tmp.filePath(QStringLiteral("home")).toUtf8());
        qputenv("XDG_DATA_HOME", m_tmp.filePath(QStringLiteral("home/.local/share")).toUtf8());
        QDir().mkpath(m_tmp.filePath(QStringLiteral("home/.local/share")));
    }

    void linesRoundTripAndTornOnesAreDropped()
    {
        const Mark gap{5300, MarkKind::Gap, QStringLiteral("gap of 5.0 s (the source stopped sending)")};
        const Mark odd{12000, MarkKind::Marker, QStringLiteral("a\\b\tc\nd\re ünïcødé")};
        QByteArray file = QByteArray(kMarksHeader) + '\n' + encodeMarkLine(gap) + encodeMarkLine(odd);
        QCOMPARE(parseMarks(file), (std::vector<Mark>{gap, odd}));
        // One line per mark: the title's tab and newline are escaped.
        QCOMPARE(file.count('\n'), 3);

        // A torn last line (the power went while it was written) is left out.
        const QByteArray third = encodeMarkLine(Mark{20000, MarkKind::Marker, QStringLiteral("third")});
        QCOMPARE(parseMarks(file + third.left(third.size() - 3)), (std::vector<Mark>{gap, odd}));
        // A zeroed tail (a file extended, its data never written) too.
        QCOMPARE(parseMarks(file + QByteArray(64, '\0')), (std::vector<Mark>{gap, odd}));
        QCOMPARE(parseMarks(file + QByteArray(64, '\0') + '\n'), (std::vector<Mark>{gap, odd}));
        // A damaged line is dropped, the lines after it still count.
        QByteArray damaged = file;
        damaged[damaged.indexOf("gap of") + 2] = 'X';
        QCOMPARE(parseMarks(damaged + third), (std::vector<Mark>{odd, Mark{20000, MarkKind::Marker, "third"}}));
        // Not a marks file at all: nothing.
        QVERIFY(parseMarks(QByteArray("hello\n") + encodeMarkLine(gap)).empty());
        QVERIFY(parseMarks(QByteArray()).empty());
        QVERIFY(parseMarks(encodeMarkLine(gap)).empty());

        // The CRC is zlib's crc32 (this line was made by Python's zlib, as
        // docs/sidecar-format.md describes it).
        const QByteArray byHand = "tapedeck-marks 1\n8066\tgap\tgap of 5.0 s (the source stopped sending)\t3b0ecaad\n";
        QCOMPARE(
            parseMarks(byHand),
            (std::vector<Mark>{{8066, MarkKind::Gap, QStringLiteral("gap of 5.0 s (the source stopped sending)")}}));
        QCOMPARE(encodeMarkLine(parseMarks(byHand).front()), byHand.mid(byHand.indexOf('\n') + 1));

        QCOMPARE(marksPathFor(QStringLiteral("/r/x.ts")), QStringLiteral("/r/x.ts.marks"));
        QCOMPARE(mediaPathForMarks(QStringLiteral("/r/x.flv.marks")), QStringLiteral("/r/x.flv"));
        QVERIFY(mediaPathForMarks(QStringLiteral("/r/x.mp4.marks")).isEmpty());
        QVERIFY(mediaPathForMarks(QStringLiteral("/r/x.ts")).isEmpty());
    }

    void writerAppendsSyncedLines()
    {
        const QString path = m_tmp.filePath(QStringLiteral("w.ts.marks"));
        QVERIFY(writeFileAtomically(path, "stale lines of an earlier recording\n"));
        MarksWriter w(path);
        QVERIFY(w.append(Mark{0, MarkKind::Gap, QStringLiteral("one")}));
        QVERIFY(w.append(Mark{1500, MarkKind::Marker, QStringLiteral("two")}));
        const QByteArray bytes = readAll(path);
        QVERIFY2(bytes.startsWith(QByteArray(kMarksHeader) + '\n'), bytes.constData());
        QCOMPARE(parseMarks(bytes).size(), size_t(2));
        QCOMPARE(parseMarks(bytes)[1], (Mark{1500, MarkKind::Marker, QStringLiteral("two")}));
    }

    // The studio's marker in a TS and an FLV recording: a line of the marks
    // file, listed by the library under the file.
    void markerInTsAndFlvReachesTheLibrary_data()
    {
        QTest::addColumn<int>("type");
        QTest::newRow("ts") << int(ContainerType::MpegTs);
        QTest::newRow("flv") << int(ContainerType::Flv);
    }
    void markerInTsAndFlvReachesTheLibrary()
    {
        QFETCH(int, type);
        const QString folder = m_tmp.filePath(QStringLiteral("lib_%1").arg(type));
        const QString file = recordWithMarker(ContainerType(type), folder, QStringLiteral("show"));
        QVERIFY(!file.isEmpty());
        const std::vector<Mark> marks = readMarks(marksPathFor(file));
        QCOMPARE(marks.size(), size_t(1));
        QCOMPARE(marks[0].kind, MarkKind::Marker);
        QCOMPARE(marks[0].title, QStringLiteral("Goal\tof the\nday"));
        QVERIFY2(marks[0].atMs >= 900 && marks[0].atMs < 5000, qPrintable(QString::number(marks[0].atMs)));

        const auto all = scanLibraryFolder(folder);
        QCOMPARE(all.size(), size_t(1)); // the marks file is no recording of its own
        const LibraryEntry &e = all.front();
        QCOMPARE(e.state, LibraryState::Finished);
        QCOMPARE(e.chunks.size(), size_t(1));
        QCOMPARE(e.chunks[0].marksFile, marksPathFor(file));
        QCOMPARE(e.chunks[0].markers.size(), size_t(1));
        QCOMPARE(e.chunks[0].markers[0].title, marks[0].title);
        QCOMPARE(e.chunks[0].markers[0].atMs, marks[0].atMs);
        QVERIFY(!e.chunks[0].markers[0].gap);
        QVERIFY(e.allFiles().contains(marksPathFor(file)));

        // Recovery sees a healthy recording, and no orphan or stray file.
        const auto scan = recovery::classifyFiles({file, marksPathFor(file)});
        QCOMPARE(scan.orphans.size(), size_t(0));
        QCOMPARE(scan.notRecordings.size(), size_t(0));
        QCOMPARE(scan.healthyFiles, qint64(1));
        // Marks whose file is gone say so, and are still no orphan.
        const QString alone = folder + QStringLiteral("/gone.ts.marks");
        QVERIFY(QFile::copy(marksPathFor(file), alone));
        const auto lonely = recovery::classifyFiles({alone});
        QCOMPARE(lonely.orphans.size(), size_t(0));
        QCOMPARE(lonely.notRecordings.size(), size_t(1));
        QVERIFY2(lonely.notRecordings[0].reason.contains(QStringLiteral("gone.ts")),
                 qPrintable(lonely.notRecordings[0].reason));
        QVERIFY(QFile::remove(alone));

        // Renamed with the recording...
        auto renamed = renameRecording(e, QStringLiteral("final"));
        QVERIFY2(renamed.ok(), qPrintable(renamed.message()));
        const QString ext = containerName(ContainerType(type));
        const QString newMarks = folder + QStringLiteral("/final.%1.marks").arg(ext);
        QVERIFY(renamed->contains(newMarks));
        QVERIFY(!QFileInfo::exists(marksPathFor(file)));
        QCOMPARE(readMarks(newMarks), marks);
        // ...and trashed with it: nothing left behind.
        const auto again = scanLibraryFolder(folder);
        QCOMPARE(again.size(), size_t(1));
        QCOMPARE(again.front().chunks[0].markers.size(), size_t(1));
        auto trashed = trashRecording(again.front());
        QVERIFY2(trashed.ok(), qPrintable(trashed.message()));
        QVERIFY(trashed->contains(newMarks));
        QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 0);
    }

    // Retention deletes the marks with their recording.
    void retentionTakesTheMarksAlong()
    {
        const QString folder = m_tmp.filePath(QStringLiteral("retention"));
        const QString file = recordWithMarker(ContainerType::MpegTs, folder, QStringLiteral("old"));
        QVERIFY(!file.isEmpty());
        QVERIFY(QFileInfo::exists(marksPathFor(file)));
        RetentionRule rule;
        rule.folder = folder;
        rule.maxBytes = 1; // everything goes
        const RetentionOutcome out = enforceRetention(rule, {});
        QVERIFY2(out.errors.isEmpty(), qPrintable(out.errors.join(u'\n')));
        QVERIFY(out.deleted.contains(marksPathFor(file)));
        QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 0);
    }

    // A TS left unclosed (its end mark cut off, as a kill leaves it) is
    // repaired in place: its marks stay valid beside it. Repaired into
    // another folder, the marks go along.
    void recoveryKeepsTheMarksWithTheFile_data()
    {
        QTest::addColumn<bool>("elsewhere");
        QTest::newRow("in place") << false;
        QTest::newRow("another folder") << true;
    }
    void recoveryKeepsTheMarksWithTheFile()
    {
        QFETCH(bool, elsewhere);
        const QString folder = m_tmp.filePath(elsewhere ? QStringLiteral("rec_out") : QStringLiteral("rec_in"));
        const QString file = recordWithMarker(ContainerType::MpegTs, folder, QStringLiteral("cut"));
        QVERIFY(!file.isEmpty());
        const std::vector<Mark> marks = readMarks(marksPathFor(file));
        QCOMPARE(marks.size(), size_t(1));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.resize(f.size() - 188 * 3)); // the end mark and a torn tail
        }
        const auto scan = recovery::classifyFiles({file, marksPathFor(file)});
        QCOMPARE(scan.orphans.size(), size_t(1));
        QCOMPARE(scan.notRecordings.size(), size_t(0));
        recovery::RecoverOptions opt;
        if (elsewhere)
            opt.outDir = m_tmp.filePath(QStringLiteral("rec_out_rebuilt"));
        if (elsewhere)
            QVERIFY(QDir().mkpath(opt.outDir));
        const recovery::RecoverOutcome out = recovery::recoverOrphan(scan.orphans[0], opt);
        QVERIFY2(out.ok, qPrintable(out.error));
        QVERIFY(!out.cleared);
        QCOMPARE(readMarks(marksPathFor(out.output)), marks);
        if (elsewhere) {
            QVERIFY(out.output != file);
            QVERIFY(!QFileInfo::exists(marksPathFor(file))); // moved with the original's removal
            QVERIFY2(out.notes.join(u' ').contains(QStringLiteral(".marks")), qPrintable(out.notes.join(u' ')));
        } else {
            QCOMPARE(out.output, file);
        }
        const auto all = scanLibraryFolder(QFileInfo(out.output).absolutePath());
        QCOMPARE(all.size(), size_t(1));
        QCOMPARE(all.front().chunks[0].markers.size(), size_t(1));
    }

    // A new recording of the same name does not inherit old marks.
    void staleMarksOfAReplacedFileGo()
    {
        const QString folder = m_tmp.filePath(QStringLiteral("stale"));
        QVERIFY(QDir().mkpath(folder));
        const QString stale = folder + QStringLiteral("/take.ts.marks");
        {
            MarksWriter w(stale);
            QVERIFY(w.append(Mark{100, MarkKind::Gap, QStringLiteral("of another day")}));
        }
        const testsupport::ToolResult r =
            testsupport::runTapedeck({QStringLiteral("record"), QStringLiteral("demo?realtime=0"),
                                      QStringLiteral("--type"), QStringLiteral("ts"), QStringLiteral("--duration"),
                                      QStringLiteral("1"), QStringLiteral("--out"), folder + QStringLiteral("/take")},
                                     180000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!QFileInfo::exists(stale));
        const auto all = scanLibraryFolder(folder);
        QVERIFY(findEntry(all, QStringLiteral("take")));
        QVERIFY(findEntry(all, QStringLiteral("take"))->chunks[0].markers.empty());
    }
};

QTEST_GUILESS_MAIN(TestMarks)
#include "tst_marks.moc"

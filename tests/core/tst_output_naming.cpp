// File-name patterns, one implementation for every front end: placeholders
// expand, and no source name can make a path that leaves the recordings
// folder, name a device or look like an option.
#include "core/app/OutputNaming.h"

#include <QFileInfo>
#include <QTest>

using namespace tapedeck;

class TestFileNames : public QObject {
    Q_OBJECT
private slots:
    void expands()
    {
        const QDateTime when(QDate(2026, 3, 4), QTime(5, 6, 7));
        QCOMPARE(expandFileNamePattern(QStringLiteral("{source}_{date}_{time}"), QStringLiteral("cam"), when),
                 QStringLiteral("cam_2026-03-04_05-06-07"));
        QCOMPARE(expandFileNamePattern(QStringLiteral("x-{datetime}"), QStringLiteral("cam"), when),
                 QStringLiteral("x-2026-03-04_05-06-07"));
        QCOMPARE(expandFileNamePattern(QString(), QStringLiteral("cam"), when),
                 QStringLiteral("cam_2026-03-04_05-06-07"));
    }
    void hostileNamesStayInside_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("pattern");
        QTest::newRow("dotdot") << QStringLiteral("../../x") << QStringLiteral("{source}");
        QTest::newRow("absolute") << QStringLiteral("/etc/passwd") << QStringLiteral("{source}");
        QTest::newRow("backslash") << QStringLiteral("..\\..\\x") << QStringLiteral("{source}");
        QTest::newRow("pattern") << QStringLiteral("cam") << QStringLiteral("../{source}");
        QTest::newRow("hidden") << QStringLiteral(".hidden") << QStringLiteral("{source}");
        QTest::newRow("empty") << QString() << QStringLiteral("{source}");
        QTest::newRow("control") << QStringLiteral("a\nb\tc") << QStringLiteral("{source}");
        QTest::newRow("device") << QStringLiteral("CON") << QStringLiteral("{source}");
        QTest::newRow("device-ext") << QStringLiteral("nul.txt") << QStringLiteral("{source}");
        QTest::newRow("option") << QStringLiteral("-rf") << QStringLiteral("{source}");
        QTest::newRow("option-pattern") << QStringLiteral("cam") << QStringLiteral("--{source}");
    }
    void hostileNamesStayInside()
    {
        QFETCH(QString, name);
        QFETCH(QString, pattern);
        const QString out = expandFileNamePattern(pattern, name, QDateTime::currentDateTime());
        QVERIFY(!out.isEmpty());
        QVERIFY2(!out.contains(u'/') && !out.contains(u'\\'), qPrintable(out));
        QVERIFY2(!out.startsWith(u'.'), qPrintable(out));
        QVERIFY2(!out.startsWith(u'-'), qPrintable(out));
        QVERIFY2(out.compare(QStringLiteral("CON"), Qt::CaseInsensitive) != 0, qPrintable(out));
        QVERIFY2(!out.startsWith(QStringLiteral("nul."), Qt::CaseInsensitive), qPrintable(out));
        // The same name through the folder-joining road stays inside the folder.
        const Result<QString> base = buildOutputBase(QStringLiteral("/tmp/rec"), pattern, name);
        QVERIFY(base.ok());
        QCOMPARE(QFileInfo(base.value()).absolutePath(), QStringLiteral("/tmp/rec"));
        for (QChar c : out)
            QVERIFY2(c.unicode() >= 0x20, qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestFileNames)
#include "tst_output_naming.moc"

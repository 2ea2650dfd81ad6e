// The translations are complete (no unfinished entry in any .ts file) and
// compiled into the application's resources.
#include <QDir>
#include <QFile>
#include <QTest>
#include <QDialogButtonBox>
#include <QPushButton>
#include "ui/Translations.h"
#include <QTranslator>
#include <QXmlStreamReader>

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void tsFilesAreComplete_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(TAPEDECK_SOURCE_DIR "/translations"));
        const QStringList files = dir.entryList({QStringLiteral("tapedeck_*.ts")}, QDir::Files);
        QVERIFY2(files.contains(QStringLiteral("tapedeck_de.ts")), "German translation missing");
        QVERIFY2(files.contains(QStringLiteral("tapedeck_fr.ts")), "French translation missing");
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }
    void tsFilesAreComplete()
    {
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        // English carries only plural forms (lupdate -pluralonly).
        const bool pluralOnly = path.endsWith(QStringLiteral("_en.ts"));
        QString context, source;
        int messages = 0;
        QStringList notPlural;
        QStringList unfinished;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == u"name")
                context = xml.readElementText();
            else if (xml.name() == u"message") {
                ++messages;
                if (pluralOnly && xml.attributes().value(QStringLiteral("numerus")) != u"yes")
                    notPlural << QString::number(messages);
            } else if (xml.name() == u"source")
                source = xml.readElementText();
            else if (xml.name() == u"translation") {
                const QString type = xml.attributes().value(QStringLiteral("type")).toString();
                // "vanished"/"obsolete" entries are not shown; "unfinished" ones are.
                if (type == u"unfinished")
                    unfinished << context + QStringLiteral(": ") + source;
                else if (type.isEmpty() && xml.readElementText(QXmlStreamReader::IncludeChildElements).isEmpty())
                    unfinished << context + QStringLiteral(": ") + source + QStringLiteral(" (empty)");
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY2(messages > (pluralOnly ? 3 : 100), "suspiciously few messages: is lupdate picking up the sources?");
        QVERIFY2(notPlural.isEmpty(), "the English file should hold plural forms only");
        QVERIFY2(unfinished.isEmpty(),
                 qPrintable(QStringLiteral("%1 unfinished entries in %2:\n  %3")
                                .arg(unfinished.size())
                                .arg(path, unfinished.mid(0, 30).join(QStringLiteral("\n  ")))));
    }
    void compiledIntoResources_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("expected");
        QTest::newRow("de") << QStringLiteral("de") << QStringLiteral("Aufnahme starten");
        QTest::newRow("fr") << QStringLiteral("fr") << QStringLiteral("Enregistrer");
    }
    // Qt's own buttons (Cancel, Yes, No in every QDialogButtonBox and
    // QMessageBox) follow the language too: qtbase's catalogue is loaded.
    void standardButtonsTranslated_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("cancel");
        QTest::newRow("de") << QStringLiteral("de") << QStringLiteral("Abbrechen");
        QTest::newRow("fr") << QStringLiteral("fr") << QStringLiteral("Annuler");
    }
    void standardButtonsTranslated()
    {
        QFETCH(QString, lang);
        QFETCH(QString, cancel);
        tapedeck::ui::installTranslations(*QCoreApplication::instance(), lang);
        QDialogButtonBox box(QDialogButtonBox::Cancel);
        const QString text = box.button(QDialogButtonBox::Cancel)->text();
        tapedeck::ui::installTranslations(*QCoreApplication::instance(), QStringLiteral("en"));
        QCOMPARE(text, cancel);
    }
    void englishPlurals()
    {
        QTranslator t;
        QVERIFY2(t.load(QStringLiteral(":/i18n/tapedeck_en.qm")), "English plurals not in the resources");
        QCOMPARE(t.translate("tapedeck::ui::TrayController", "Recording %n stream(s)", nullptr, 1),
                 QStringLiteral("Recording %n stream"));
        QCOMPARE(t.translate("tapedeck::ui::TrayController", "Recording %n stream(s)", nullptr, 3),
                 QStringLiteral("Recording %n streams"));
    }
    void compiledIntoResources()
    {
        QFETCH(QString, lang);
        QFETCH(QString, expected);
        QTranslator t;
        QVERIFY2(t.load(QStringLiteral(":/i18n/tapedeck_%1.qm").arg(lang)), "translation not in the resources");
        QCOMPARE(t.translate("tapedeck::ui::MainWindow", "Record"), expected);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"

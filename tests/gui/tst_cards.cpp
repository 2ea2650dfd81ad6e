// A recording's card in the main window (issue 13): its figures say
// nothing before they are known (no "0 kbit/s" right after the start), and
// a failed card speaks the window's language, keeping the engine's own
// line as its tooltip.
#include "core/app/Settings.h"
#include "core/record/Engine.h"
#include "ui/ActiveRecordingsView.h"
#include "ui/MainWindow.h"
#include "ui/SecretStore.h"
#include "ui/SourceStore.h"
#include "ui/Translations.h"

#include <QLabel>
#include <QPushButton>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;
using namespace tapedeck::ui;

namespace {

QLabel *label(QWidget *card, const char *name)
{
    auto *l = card->findChild<QLabel *>(QLatin1String(name));
    if (!l)
        qFatal("no label %s on the card", name);
    return l;
}

// A port on 127.0.0.1 where nothing listens (taken, then given back).
quint16 closedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        qFatal("cannot listen on 127.0.0.1");
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace

class TestCards : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

private slots:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void cleanup() { installTranslations(*QCoreApplication::instance(), QStringLiteral("en")); }

    // Right after the start the engine has measured no bitrate yet (its
    // first figure comes after a second of data): the card shows a dash,
    // not "0 kbit/s". Once a figure came, it is shown, even a low one.
    void bitrateUnknownUntilMeasured()
    {
        RecordingCard card(1, QStringLiteral("Demo"), QStringLiteral("demo"), false);
        QLabel *bitrate = label(&card, "bitrateLabel");
        RecordStats s;
        s.mediaMs = 400;
        s.bytes = 50000;
        card.setState(RecordState::Recording, QString());
        card.setStats(s);
        QVERIFY2(!bitrate->text().contains(u'0'), qPrintable(bitrate->text()));
        QVERIFY2(!bitrate->text().contains(QStringLiteral("kbit/s")), qPrintable(bitrate->text()));
        s.bitrateBps = 2'500'000;
        card.setStats(s);
        QCOMPARE(bitrate->text(), RecordingCard::tr("%1 kbit/s").arg(QLocale().toString(2500)));
        // A stalled source after a figure: its 0 is a figure too.
        s.bitrateBps = 0;
        card.setStats(s);
        QCOMPARE(bitrate->text(), RecordingCard::tr("%1 kbit/s").arg(QLocale().toString(0)));
    }

    // A source that fails when it is opened, recorded from the window in
    // German and in French: the card's reason is a sentence of that
    // language (the engine's English line only in its tooltip).
    void failedCardSpeaksTheWindowsLanguage_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<bool>("network");
        for (const char *l : {"de", "fr"}) {
            QTest::newRow(qPrintable(QStringLiteral("%1-refused").arg(QLatin1String(l))))
                << QString::fromLatin1(l) << true;
            QTest::newRow(qPrintable(QStringLiteral("%1-missing-file").arg(QLatin1String(l))))
                << QString::fromLatin1(l) << false;
        }
    }

    void failedCardSpeaksTheWindowsLanguage()
    {
        QFETCH(QString, lang);
        QFETCH(bool, network);
        QCOMPARE(installTranslations(*QCoreApplication::instance(), lang), lang);
        const QString tag = QString::fromLatin1(QTest::currentDataTag());
        Settings settings(m_tmp.filePath(QStringLiteral("cards_%1.ini").arg(tag)));
        settings.setValue(SettingKey::RecordingsFolder, m_tmp.filePath(QStringLiteral("rec_%1").arg(tag)));
        settings.setValue(SettingKey::DiskReserveMb, 1);
        settings.setValue(SettingKey::OpenTimeoutMs, 3000);
        Engine engine;
        MemorySecretStore secrets;
        {
            MainWindow window(settings, engine, secrets);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            const QString url = network ? QStringLiteral("rtmp://127.0.0.1:%1/live/broken").arg(closedPort())
                                        : m_tmp.filePath(QStringLiteral("no-such-stream-%1.ts").arg(tag));
            const QString id = window.sources()->addNamed(QStringLiteral("Broken"), url);
            window.selectSource(id);
            QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("recordButton")), Qt::LeftButton);
            RecordingCard *card = nullptr;
            QVERIFY(QTest::qWaitFor(
                [&] {
                    if (!engine.ids().empty())
                        card = window.activeView()->card(engine.ids().back());
                    return card != nullptr;
                },
                15000));
            QTRY_COMPARE_WITH_TIMEOUT(RecordState(label(card, "stateLabel")->property("recordState").toInt()),
                                      RecordState::Failed, 20000);
            const QString engineLine = engine.session(card->id())->errorMessage();
            QLabel *error = label(card, "errorLabel");
            QVERIFY(error->isVisibleTo(card));
            // Long addresses and paths carry break opportunities.
            const QString text = error->text().remove(QChar(0x200B));
            // The engine's words and the English sentences for them.
            for (const QString &english :
                 {QStringLiteral("listening"), QStringLiteral("refused"), QStringLiteral("does not exist"),
                  QStringLiteral("connect"), QStringLiteral("Nothing was found"), QStringLiteral("could not")})
                QVERIFY2(!text.contains(english, Qt::CaseInsensitive),
                         qPrintable(QStringLiteral("\"%1\" in the %2 card: %3").arg(english, lang, text)));
            QVERIFY2(text.size() > 20, qPrintable(text));
            // It still names what failed, and the engine's line is at hand.
            QVERIFY2(text.contains(network ? QStringLiteral("127.0.0.1") : QStringLiteral("no-such-stream")),
                     qPrintable(text));
            QVERIFY2(!engineLine.isEmpty() && error->toolTip().contains(engineLine),
                     qPrintable(error->toolTip() + QStringLiteral(" / ") + engineLine));
            engine.stopAll();
            QVERIFY(engine.waitAll(30000));
        }
    }
};

QTEST_MAIN(TestCards)
#include "tst_cards.moc"

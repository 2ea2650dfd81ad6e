// A recording's card in the main window (issue 13): its figures say
// nothing before they are known (no "0 kbit/s" right after the start).
#include "ui/ActiveRecordingsView.h"
#include "ui/Translations.h"

#include <QLabel>
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
};

QTEST_MAIN(TestCards)
#include "tst_cards.moc"

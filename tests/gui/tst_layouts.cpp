// Issue 13 (5/8): layouts hold at the smallest window size in every
// language. Each dialog and settings page is shown at its minimum size (the
// main window at 640×480) and every visible label, button and list entry is
// compared with the room its text needs: a label narrower than its size hint
// (or a wrapped one shorter than its height for that width) is clipped.
#include "core/record/Engine.h"
#include "core/app/Settings.h"
#include "ui/ActiveRecordingsView.h"
#include "ui/MainWindow.h"
#include "ui/ScheduleDialog.h"
#include "ui/SecretPromptDialog.h"
#include "ui/SecretStore.h"
#include "ui/SettingsDialog.h"
#include "ui/SourceDialog.h"
#include "ui/SourceStore.h"
#include "ui/TrayController.h"
#include "ui/Translations.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace tapedeck;
using namespace tapedeck::ui;

namespace {

QString describe(QWidget *w, const QString &text)
{
    return QStringLiteral("%1 \"%2\"").arg(QString::fromLatin1(w->metaObject()->className()), text.left(60));
}

// Everything visible in `root` whose text does not fit where it is.
QStringList clippedIn(QWidget *root)
{
    QStringList out;
    for (QLabel *l : root->findChildren<QLabel *>()) {
        if (!l->isVisibleTo(root) || l->text().isEmpty() || !l->pixmap().isNull())
            continue;
        if (l->wordWrap()) {
            if (l->height() + 1 < l->heightForWidth(l->width()))
                out << describe(l, l->text())
                        + QStringLiteral(" (wrapped, %1 px high, needs %2)")
                              .arg(l->height())
                              .arg(l->heightForWidth(l->width()));
        } else if (l->width() + 1 < l->minimumSizeHint().width()) {
            out << describe(l, l->text())
                    + QStringLiteral(" (%1 px wide, needs %2)").arg(l->width()).arg(l->minimumSizeHint().width());
        }
        if (!l->wordWrap() && l->height() + 1 < l->minimumSizeHint().height())
            out << describe(l, l->text())
                    + QStringLiteral(" (%1 px high, needs %2)").arg(l->height()).arg(l->minimumSizeHint().height());
    }
    for (QAbstractButton *b : root->findChildren<QAbstractButton *>()) {
        if (!b->isVisibleTo(root) || b->text().isEmpty() || !qobject_cast<QPushButton *>(b))
            continue;
        if (b->width() + 1 < b->minimumSizeHint().width())
            out << describe(b, b->text())
                    + QStringLiteral(" (%1 px wide, needs %2)").arg(b->width()).arg(b->minimumSizeHint().width());
    }
    // The window's source list: the demo's name whole in every language,
    // no horizontal scroll bar under it.
    for (QListWidget *list : root->findChildren<QListWidget *>(QStringLiteral("sourceList"))) {
        if (!list->isVisibleTo(root))
            continue;
        if (list->horizontalScrollBar()->isVisible())
            out << describe(list, QStringLiteral("(sources)")) + QStringLiteral(" (a horizontal scroll bar)");
        for (int i = 0; i < list->count(); ++i) {
            const int need = list->fontMetrics().horizontalAdvance(list->item(i)->text()) + list->iconSize().width()
                + 3 * list->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, list) + 6;
            // A name longer than the column can give is cut with "…", the
            // whole of it in its tooltip.
            const bool elided = list->fontMetrics().horizontalAdvance(list->item(i)->text()) > 150
                && list->item(i)->toolTip().startsWith(list->item(i)->text());
            if (list->viewport()->width() + 1 < need && !elided)
                out << describe(list, list->item(i)->text())
                        + QStringLiteral(" (%1 px wide, needs %2)").arg(list->viewport()->width()).arg(need);
        }
    }
    for (QListWidget *list : root->findChildren<QListWidget *>()) {
        if (!list->isVisibleTo(root) || list->objectName() != QLatin1String("settingsPages"))
            continue;
        for (int i = 0; i < list->count(); ++i) {
            const int need = list->sizeHintForColumn(0);
            if (list->viewport()->width() + 1 < need)
                out << describe(list, list->item(i)->text())
                        + QStringLiteral(" (%1 px wide, needs %2)").arg(list->viewport()->width()).arg(need);
        }
    }
    return out;
}

// The status bar's temporary message against its permanent widgets (the
// "Disk: … free" label): the message must stop with a clear margin before
// the first of them (it ran into it: "saved on the reDisk: 68.70 GiB
// free"), and a message that does not fit must say so (elided, the whole
// text in the tooltip).
QStringList statusBarProblems(QStatusBar *bar, const QString &message)
{
    QStringList out;
    int firstPermanent = bar->width();
    for (QWidget *w : bar->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly))
        if (w->isVisible() && !w->isWindow())
            firstPermanent = std::min(firstPermanent, w->x());
    const QImage img = bar->grab().toImage().convertToFormat(QImage::Format_RGB32);
    const int bg = qGray(bar->palette().color(QPalette::Window).rgb());
    const int scale = qMax(1, int(img.width() / qMax(1, bar->width())));
    int inked = 0;
    for (int x = (firstPermanent - 6) * scale; x < (firstPermanent - 1) * scale; ++x)
        for (int y = 0; y < img.height(); ++y)
            if (x >= 0 && x < img.width() && std::abs(qGray(img.pixel(x, y)) - bg) > 60)
                ++inked;
    if (inked > 0)
        out << QStringLiteral("status bar: the message runs into the widget at x=%1 (%2 text pixels in the 5 px "
                              "before it)")
                   .arg(firstPermanent)
                   .arg(inked);
    const bool fits = bar->fontMetrics().horizontalAdvance(message) <= firstPermanent - 12;
    if (!fits && bar->toolTip() != message)
        out << QStringLiteral("status bar: \"%1\" is cut, and its tooltip (\"%2\") does not hold it")
                   .arg(message.left(60), bar->toolTip().left(60));
    return out;
}

void settle()
{
    QCoreApplication::processEvents();
    QTest::qWait(20);
    QCoreApplication::processEvents();
}

// TAPEDECK_SCREENSHOTS=DIR: every screen this test checks is also saved, as
// DIR/layout-SCREEN-LANG-WIDTH.png, so a person can look at all of them in
// every language at both sizes (docs/screenshots/README.md says how).
void shot(QWidget *w, const QString &screen, const QString &lang, int width)
{
    const QString dir = qEnvironmentVariable("TAPEDECK_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    QTest::qWait(300);
    w->grab().save(QStringLiteral("%1/layout-%2-%3-%4.png").arg(dir, screen, lang).arg(width));
}

} // namespace

class TestLayouts : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

private slots:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void cleanup() { installTranslations(*QCoreApplication::instance(), QStringLiteral("en")); }

    // Every screen in every language, at the smallest supported screen
    // (640x480: the window at that size, dialogs at their minimum) and at a
    // large one (1600x1000: the window at that size, dialogs as they open).
    void everyScreenAtMinimumSize_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<bool>("large");
        for (const char *l : {"en", "de", "fr"}) {
            QTest::newRow(l) << QString::fromLatin1(l) << false;
            QTest::newRow(qPrintable(QStringLiteral("%1-1600").arg(QLatin1String(l))))
                << QString::fromLatin1(l) << true;
        }
    }

    void everyScreenAtMinimumSize()
    {
        QFETCH(QString, lang);
        QFETCH(bool, large);
        const QSize windowSize = large ? QSize(1600, 1000) : QSize(640, 480);
        const int width = windowSize.width();
        // A dialog as the user gets it: its minimum on the small screen, as
        // it opens on the large one.
        const auto place = [large](QDialog &dlg) {
            dlg.resize(large ? dlg.sizeHint().expandedTo(dlg.minimumSizeHint()) : dlg.minimumSizeHint());
        };
        installTranslations(*QCoreApplication::instance(), lang);
        // A folder per row: two rows of one language record the demo within
        // the same second, and the second must not meet the first's file.
        Settings settings(m_tmp.filePath(QStringLiteral("layouts_%1_%2.ini").arg(lang).arg(width)));
        settings.setValue(SettingKey::RecordingsFolder,
                          m_tmp.filePath(QStringLiteral("rec_%1_%2").arg(lang).arg(width)));
        settings.setValue(SettingKey::DiskReserveMb, 1);
        Engine engine;
        MemorySecretStore secrets;
        QStringList clipped;

        {
            MainWindow window(settings, engine, secrets);
            window.resize(windowSize);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            settle();
            // The window does not widen itself beyond the smallest screen,
            // not for a long source name either (it is cut in the list).
            QCOMPARE(window.size(), windowSize);
            window.sources()->addNamed(QStringLiteral("Studiokamera auf dem Dach, Nordseite, zweiter Stock"),
                                       QStringLiteral("rtmp://127.0.0.1/live/roof"));
            settle();
            QCOMPARE(window.size(), windowSize);
            clipped += clippedIn(&window);
            if (auto *tabs = window.findChild<QTabWidget *>()) {
                for (int i = tabs->count() - 1; i >= 0; --i) {
                    tabs->setCurrentIndex(i);
                    settle();
                    for (const QString &c : clippedIn(&window))
                        clipped << QStringLiteral("window tab %1: %2").arg(i).arg(c);
                    shot(&window, QStringLiteral("window-tab%1").arg(i), lang, width);
                }
            }

            // A long message (a remote recording's end, as in
            // docs/screenshots/studio-recorders-tab-640.png) beside the
            // disk label.
            const QString title =
                QCoreApplication::translate("tapedeck::ui::MainWindow", "Recording of \"%1\" finished")
                    .arg(QStringLiteral("Demo (test pattern) on Recorder A"));
            const QString text = QCoreApplication::translate("tapedeck::ui::MainWindow",
                                                             "%n file(s) saved on the recorder: %1", nullptr, 1)
                                     .arg(QStringLiteral("demo_2026-11-30_23-28-02.mp4"));
            window.tray()->notify(NotificationKind::Finished, title, text);
            settle();
            QTRY_VERIFY(window.findChild<QLabel *>(QStringLiteral("diskStatusLabel"))->isVisible());
            window.statusBar()->repaint();
            clipped += statusBarProblems(window.statusBar(), window.statusBar()->currentMessage());
            if (const QString dir = qEnvironmentVariable("TAPEDECK_SCREENSHOTS"); !dir.isEmpty()) {
                // The window itself: on a 640x480 screen the frame pushes
                // its bottom, the status bar, off the screen.
                QTest::qWait(800);
                window.grab().save(QStringLiteral("%1/status-bar-%2-%3.png").arg(dir).arg(width).arg(lang));
            }
            QVERIFY(window.statusBar()->currentMessage().contains(title));

            // A recording's card keeps its Stop button on screen.
            window.selectSource(QStringLiteral("demo"));
            QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("recordButton")), Qt::LeftButton);
            RecordingCard *card = nullptr;
            QVERIFY(QTest::qWaitFor(
                [&] {
                    if (!engine.ids().empty())
                        card = window.activeView()->card(engine.ids().back());
                    return card != nullptr;
                },
                15000));
            settle();
            QCOMPARE(window.size(), windowSize);
            auto *stop = card->findChild<QPushButton *>(QStringLiteral("cardStopButton"));
            QVERIFY(stop && stop->isVisible());
            auto *scroll = window.activeView()->findChild<QScrollArea *>();
            QVERIFY(scroll);
            // On screen means inside the part of the list one can see.
            const QRect onWindow(stop->mapTo(scroll->viewport(), QPoint(0, 0)), stop->size());
            QVERIFY2(scroll->viewport()->rect().contains(onWindow),
                     qPrintable(QStringLiteral("card Stop at %1,%2 %3x%4 outside the visible list")
                                    .arg(onWindow.x())
                                    .arg(onWindow.y())
                                    .arg(onWindow.width())
                                    .arg(onWindow.height())));
            QVERIFY2(!scroll->horizontalScrollBar()->isVisible(), "the card does not fit the window's width");
            // The picture grows with the card on a large window (up to
            // 320 px wide) and keeps its 160 px on the smallest.
            auto *preview = card->findChild<QLabel *>(QStringLiteral("previewLabel"));
            QVERIFY(preview);
            if (large)
                QVERIFY2(
                    preview->width() >= 280 && preview->width() <= 320,
                    qPrintable(
                        QStringLiteral("preview %1 px wide in a %2 px card").arg(preview->width()).arg(card->width())));
            else
                QCOMPARE(preview->width(), 160);
            QCOMPARE(preview->height(), preview->width() * 9 / 16);
            // The card's figures get new texts every 200 ms, each laid out
            // on the next pass: a pass without clipping, within 2 s (what
            // stays clipped is reported).
            (void)QTest::qWaitFor([&] { return clippedIn(card).isEmpty(); }, 2000);
            clipped += clippedIn(card);
            shot(&window, QStringLiteral("window-recording"), lang, width);
            if (large) {
                // While the source records, the options say that changes
                // apply next time: that note makes them taller after the
                // window was placed, and their pane grows with it when there
                // is room (no scroll bar beside them on a large window).
                auto *options = window.findChild<QScrollArea *>(QStringLiteral("optionsScroll"));
                QVERIFY(options);
                QVERIFY(window.findChild<QLabel *>(QStringLiteral("optionsNextHint"))->isVisible());
                settle();
                QVERIFY2(!options->verticalScrollBar()->isVisible(),
                         qPrintable(QStringLiteral("the options scroll while recording: %1 px for %2")
                                        .arg(options->viewport()->height())
                                        .arg(options->widget()->minimumSizeHint().height())));
            }
            engine.stopAll();
            QVERIFY(engine.waitAll(30000));
        }

        {
            SettingsDialog dlg(settings);
            dlg.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dlg));
            // Every page (Retention's preview too) fits the smallest screen.
            QStringList pages;
            if (auto *st = dlg.findChild<QStackedWidget *>())
                for (int i = 0; i < st->count(); ++i)
                    pages << QStringLiteral("page %1: %2x%3")
                                 .arg(i)
                                 .arg(st->widget(i)->minimumSizeHint().width())
                                 .arg(st->widget(i)->minimumSizeHint().height());
            QVERIFY2(dlg.minimumSizeHint().width() <= 640 && dlg.minimumSizeHint().height() <= 480,
                     qPrintable(QStringLiteral("settings need %1x%2 (%3)")
                                    .arg(dlg.minimumSizeHint().width())
                                    .arg(dlg.minimumSizeHint().height())
                                    .arg(pages.join(QStringLiteral(", ")))));
            place(dlg);
            settle();
            auto *stack = dlg.findChild<QStackedWidget *>();
            QVERIFY(stack);
            for (int i = 0; i < stack->count(); ++i) {
                dlg.showPage(i);
                settle();
                for (const QString &c : clippedIn(&dlg))
                    clipped << QStringLiteral("settings page %1: %2").arg(i).arg(c);
                shot(&dlg, QStringLiteral("settings-page%1").arg(i), lang, width);
            }
        }

        {
            SourceStore store(settings, secrets);
            SourceDialog dlg(store, 3000);
            dlg.setSource(QString(), QStringLiteral("Studio"), QStringLiteral("rtmp://ann:pw@127.0.0.1/live/key"));
            dlg.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dlg));
            place(dlg);
            settle();
            for (const QString &c : clippedIn(&dlg))
                clipped << QStringLiteral("source dialog: %1").arg(c);
            shot(&dlg, QStringLiteral("source-dialog"), lang, width);
        }

        {
            SecretPromptDialog dlg(QStringLiteral("Studio"), QStringLiteral("rtmp://ann:***@127.0.0.1/live/***"),
                                   false);
            dlg.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dlg));
            place(dlg);
            settle();
            for (const QString &c : clippedIn(&dlg))
                clipped << QStringLiteral("password dialog: %1").arg(c);
            shot(&dlg, QStringLiteral("password-dialog"), lang, width);
        }

        {
            ScheduleClock clock;
            Schedule weekly;
            weekly.id = QStringLiteral("w");
            weekly.sourceId = QStringLiteral("demo");
            weekly.start = QTime(9, 0);
            weekly.stop = QTime(10, 30);
            weekly.weekdays = kMondayToFriday;
            ScheduleDialog dlg({weekly}, {{QStringLiteral("demo"), QStringLiteral("Demo")}}, clock);
            dlg.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dlg));
            QVERIFY2(dlg.minimumSizeHint().width() <= 640 && dlg.minimumSizeHint().height() <= 480,
                     qPrintable(QStringLiteral("schedules need %1x%2")
                                    .arg(dlg.minimumSizeHint().width())
                                    .arg(dlg.minimumSizeHint().height())));
            place(dlg);
            settle();
            for (const QString &c : clippedIn(&dlg))
                clipped << QStringLiteral("schedules dialog: %1").arg(c);
            shot(&dlg, QStringLiteral("schedules-dialog"), lang, width);
        }

        QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QStringLiteral("\n  "))));
    }

    // The first start on a screen smaller than the default window (640x480,
    // 800x600: the offscreen platform's screen) opens maximised, not with
    // its bottom and right edge beyond the screen; on a larger one it opens
    // at its default size.
    void firstStartFitsTheScreen()
    {
        Settings settings(m_tmp.filePath(QStringLiteral("first.ini")));
        settings.setValue(SettingKey::RecordingsFolder, m_tmp.filePath(QStringLiteral("rec_first")));
        Engine engine;
        MemorySecretStore secrets;
        MainWindow window(settings, engine, secrets);
        const QRect avail = window.screen()->availableGeometry();
        const bool small = avail.width() < 1016 || avail.height() < 728;
        window.showFitted();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        settle();
        QCOMPARE(window.isMaximized(), small);
        QVERIFY2(window.frameGeometry().width() <= avail.width() && window.frameGeometry().height() <= avail.height(),
                 qPrintable(QStringLiteral("%1x%2 on %3x%4")
                                .arg(window.frameGeometry().width())
                                .arg(window.frameGeometry().height())
                                .arg(avail.width())
                                .arg(avail.height())));
    }

    // The source list takes a share of a wide window the first time, and
    // the width the user drags it to is there at the next start.
    void sourceColumnWidthIsKept()
    {
        Settings settings(m_tmp.filePath(QStringLiteral("splitter.ini")));
        settings.setValue(SettingKey::RecordingsFolder, m_tmp.filePath(QStringLiteral("rec_splitter")));
        Engine engine;
        MemorySecretStore secrets;
        const auto sourcesWidth = [](MainWindow &w) {
            auto *split = w.findChild<QSplitter *>(QStringLiteral("mainSplitter"));
            return split ? split->sizes().value(0) : -1;
        };
        {
            MainWindow window(settings, engine, secrets);
            window.resize(1600, 1000);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            settle();
            QVERIFY2(sourcesWidth(window) >= 260, qPrintable(QString::number(sourcesWidth(window))));
            window.findChild<QSplitter *>(QStringLiteral("mainSplitter"))->setSizes({410, 1190});
            QCOMPARE(sourcesWidth(window), 410);
        }
        MainWindow again(settings, engine, secrets);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        settle();
        QCOMPARE(sourcesWidth(again), 410);
        QCOMPARE(again.size(), QSize(1600, 1000));
    }
};

QTEST_MAIN(TestLayouts)
#include "tst_layouts.moc"

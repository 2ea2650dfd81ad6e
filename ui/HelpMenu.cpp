#include "ui/HelpMenu.h"

#include "core/base/FFmpeg.h"

#include <QAction>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QUrl>

extern "C" {
#include <libavutil/ffversion.h>
}

namespace tapedeck {
namespace ui {
namespace {

// lupdate's context for these words.
class HelpMenu {
    Q_DECLARE_TR_FUNCTIONS(HelpMenu)
};

QString libVersion(unsigned v)
{
    return QStringLiteral("%1.%2.%3").arg(AV_VERSION_MAJOR(v)).arg(AV_VERSION_MINOR(v)).arg(AV_VERSION_MICRO(v));
}

} // namespace

QString versionsText()
{
    return QStringLiteral("Tapedeck %1\nQt %2 (built with %3)\nFFmpeg %4: libavformat %5, libavcodec %6, libavutil %7")
        .arg(QStringLiteral(TAPEDECK_VERSION), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
             QString::fromLatin1(av_version_info()), libVersion(avformat_version()), libVersion(avcodec_version()),
             libVersion(avutil_version()));
}

QMenu *addHelpMenu(QMainWindow *window, std::function<bool(const QUrl &)> openUrl)
{
    QMenu *help = window->menuBar()->addMenu(HelpMenu::tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction *docs = help->addAction(HelpMenu::tr("&Documentation"));
    docs->setObjectName(QStringLiteral("actionDocumentation"));
    QObject::connect(docs, &QAction::triggered, window, [window, openUrl] {
        const QUrl url(QString::fromLatin1(kDocsUrl));
        const bool opened = openUrl ? openUrl(url) : QDesktopServices::openUrl(url);
        if (!opened) {
            auto *box = new QMessageBox(QMessageBox::Information, HelpMenu::tr("Documentation"),
                                        HelpMenu::tr("No web browser could be opened here. The documentation is "
                                                     "at:\n%1")
                                            .arg(url.toString()),
                                        QMessageBox::Ok, window);
            box->setObjectName(QStringLiteral("docsUrlBox"));
            box->setTextInteractionFlags(Qt::TextSelectableByMouse);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
    });
    QAction *about = help->addAction(HelpMenu::tr("&About Tapedeck"));
    about->setObjectName(QStringLiteral("actionAbout"));
    about->setMenuRole(QAction::AboutRole);
    QObject::connect(about, &QAction::triggered, window, [window] {
        auto *box = new QMessageBox(QMessageBox::NoIcon, HelpMenu::tr("About Tapedeck"),
                                    HelpMenu::tr("Tapedeck records live streams to MP4, MPEG-TS and FLV, and "
                                                 "never loses a recording."),
                                    QMessageBox::Ok, window);
        box->setObjectName(QStringLiteral("aboutBox"));
        box->setIconPixmap(QIcon(QStringLiteral(":/icons/tapedeck.svg")).pixmap(64, 64));
        box->setInformativeText(versionsText());
        box->setTextInteractionFlags(Qt::TextSelectableByMouse);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    return help;
}

} // namespace ui
} // namespace tapedeck

// MainWindow, the disk: retention runs (core/app/Retention.h). The free
// space and time left are in MainWindowRecording.cpp beside the low-disk
// warnings.

#include "ui/MainWindow.h"

#include "core/app/Retention.h"
#include "core/app/Settings.h"
#include "ui/RecordingsList.h"
#include "ui/TrayController.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QPointer>
#include <QStatusBar>
#include <QThreadPool>
#include <QTimer>

namespace tapedeck {
namespace ui {

QString MainWindow::keptIndexPath() const
{
    return QFileInfo(m_settings.fileName()).absoluteDir().filePath(QLatin1String(kKeptIndexFileName));
}

void MainWindow::enforceRetention()
{
    if (!m_retentionTimer) {
        m_retentionTimer = new QTimer(this);
        m_retentionTimer->setInterval(10 * 60 * 1000);
        connect(m_retentionTimer, &QTimer::timeout, this, &MainWindow::enforceRetention);
        m_retentionTimer->start();
    }
    const std::vector<RetentionRule> rules = loadRetentionRules(m_settings);
    if (rules.empty() || m_retentionRunning)
        return;
    m_retentionRunning = true;
    const QString keptPath = keptIndexPath();
    QPointer<MainWindow> self(this);
    // Scans probe every file and deletes wait for locks: never on the GUI thread.
    QThreadPool::globalInstance()->start([self, rules, keptPath] {
        const QSet<QString> kept = RecoveredIndex(keptPath).load();
        QStringList deleted, errors;
        QStringList folders;
        for (const RetentionRule &r : rules) {
            const RetentionOutcome o = tapedeck::enforceRetention(r, kept);
            deleted << o.deleted;
            errors << o.errors;
            if (!o.deleted.isEmpty())
                folders << QDir::toNativeSeparators(r.folder);
        }
        QMetaObject::invokeMethod(qApp, [self, deleted, errors, folders] {
            if (!self)
                return;
            self->m_retentionRunning = false;
            if (!errors.isEmpty())
                self->m_tray->notify(NotificationKind::Failed, tr("Retention could not delete everything"),
                                     errors.join(u'\n'));
            else if (!deleted.isEmpty())
                self->statusBar()->showMessage(
                    tr("Retention deleted %n old file(s) in %1.", nullptr, int(deleted.size())).arg(folders.join(u',')),
                    15000);
            for (const QString &f : deleted)
                self->m_recordings->addFile(f); // its folder is scanned again
            emit self->retentionApplied(deleted);
        });
    });
}

} // namespace ui
} // namespace tapedeck

#pragma once
// The wizard's pages. Each finds its widgets by objectName in tests, the
// way a user finds them by label.

#include "core/recovery/Scanner.h"

#include <QWizardPage>

#include <map>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QStackedWidget;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;
class QVBoxLayout;
class QFormLayout;
class QGroupBox;

namespace tapedeck {
namespace ui {

class RecoveryWizard;

class PickPage : public QWizardPage {
    Q_OBJECT
public:
    explicit PickPage(RecoveryWizard *wizard);
    bool isComplete() const override;

private:
    void refresh();
    void browseFiles();
    void browseFolder();

    RecoveryWizard *m_wizard;
    QListWidget *m_list;
    QPushButton *m_remove;
    QLabel *m_hint;
    QLabel *m_next;
    QStackedWidget *m_stack;
};

class ScanPage : public QWizardPage {
    Q_OBJECT
public:
    explicit ScanPage(RecoveryWizard *wizard);
    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool isScanning() const { return m_scanning; }
    void cancelScan();

private:
    void startScan();
    void retireScanner();
    void onProgress(qint64 done, qint64 total);
    void onFinished(const recovery::ScanResult &result);

    RecoveryWizard *m_wizard;
    std::unique_ptr<recovery::Scanner> m_scanner;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPushButton *m_cancel;
    QPushButton *m_rescan;
    QTreeWidget *m_tree;
    bool m_scanning = false;
    bool m_done = false;
    bool m_anyRebuildable = false;
};

class ChoosePage : public QWizardPage {
    Q_OBJECT
public:
    explicit ChoosePage(RecoveryWizard *wizard);
    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    void updateFrameRates();
    void updateReferences();
    void replan(int index, const QString &reference, bool streamOnly);
    void fillRow(QTreeWidgetItem *it, int index);
    const recovery::Orphan &orphanAt(int index) const;
    void updatePlannedNames();
    void browseOutDir();
    QString outDir() const;
    std::vector<int> checkedOrphans() const;

    RecoveryWizard *m_wizard;
    QTreeWidget *m_tree;
    QRadioButton *m_beside;
    QRadioButton *m_folder;
    QLineEdit *m_outDir;
    QPushButton *m_browse;
    QCheckBox *m_keep;
    QGroupBox *m_fpsBox;
    QLabel *m_fpsWhy;
    QFormLayout *m_fpsForm;
    std::vector<QComboBox *> m_fpsCombos; // per orphan index; null when not asked
    // MP4s without index: which healthy file gives the layout (ReferencePage.cpp).
    QGroupBox *m_refBox;
    QFormLayout *m_refForm;
    std::map<int, recovery::Orphan> m_replanned; // orphans re-planned with the user's reference
    bool m_filling = false;
};

class RebuildPage : public QWizardPage {
    Q_OBJECT
public:
    explicit RebuildPage(RecoveryWizard *wizard);
    void initializePage() override;
    bool isComplete() const override;

private:
    void onItemStarted(int index);
    void onItemProgress(int index, int permille);
    void onItemFinished(int index);
    void onFinished(bool cancelled);
    void pollProgress();

    RecoveryWizard *m_wizard;
    QProgressBar *m_overall;
    QLabel *m_status;
    QPushButton *m_cancel;
    QTreeWidget *m_tree;
    QTimer *m_poll;
    std::vector<QProgressBar *> m_bars;
    std::vector<QStringList> m_watch; // files whose growth shows an item's progress
    std::vector<qint64> m_expected;
    std::vector<bool> m_engineProgress; // the engine reports this item's progress: no file watching
    int m_current = -1;
    int m_finishedCount = 0;
    bool m_done = false;
};

class DonePage : public QWizardPage {
    Q_OBJECT
public:
    explicit DonePage(RecoveryWizard *wizard);
    void initializePage() override;

private:
    QString selectedOutput() const;
    void updateButtons();

    RecoveryWizard *m_wizard;
    QLabel *m_summary;
    QTreeWidget *m_tree;
    QPushButton *m_play;
    QPushButton *m_show;
};

} // namespace ui
} // namespace tapedeck

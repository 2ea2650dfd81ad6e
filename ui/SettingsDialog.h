#pragma once
// Settings, in pages: recording defaults, crash safety, network, disk,
// behaviour, language. Reads and writes the typed registry only.

#include "core/app/Retention.h"

#include <QDialog>
#include <QPointer>

#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QStackedWidget;

namespace tapedeck {
class Settings;
}

namespace tapedeck {
namespace ui {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(Settings &settings, QWidget *parent = nullptr);

    void accept() override;
    void showPage(int index);
    // Folders the retention page offers (the sources' own folders).
    void setKnownFolders(const QStringList &folders);
    // Where the library keeps its "Keep" marks (the preview honours them).
    void setKeptIndexPath(const QString &path) { m_keptIndexPath = path; }
    // Lists what the current rule would delete now (a scan off the GUI thread).
    void previewRetention();
    // Why the autostart entry could not be written (after accept), or "".
    QString autostartError() const { return m_autostartError; }

    enum Page { RecordingPage, SafetyPage, NetworkPage, DiskPage, RetentionPage, BehaviourPage, LanguagePage };

signals:
    void applied(); // the settings were written; apply what can be applied live

private:
    QWidget *recordingPage();
    QWidget *safetyPage();
    QWidget *networkPage();
    QWidget *diskPage();
    QWidget *retentionPage();
    void storeRule(); // the spins into m_rules for m_ruleFolder
    void showRule(const QString &folder);
    RetentionRule currentRule() const;
    QWidget *behaviourPage();
    QWidget *languagePage();
    void addPage(const QString &title, const QString &icon, QWidget *page);
    void load();

    Settings &m_settings;
    QListWidget *m_pages;
    QStackedWidget *m_stack;

    QLineEdit *m_folder = nullptr;
    QComboBox *m_format = nullptr;
    QSpinBox *m_chunk = nullptr;
    QLineEdit *m_pattern = nullptr;
    QCheckBox *m_overwrite = nullptr;
    QSpinBox *m_fsync = nullptr;
    QSpinBox *m_reconnectInitial = nullptr;
    QSpinBox *m_reconnectMax = nullptr;
    QSpinBox *m_openTimeout = nullptr;
    QSpinBox *m_stallTimeout = nullptr;
    QSpinBox *m_reserve = nullptr;
    QCheckBox *m_tray = nullptr;
    QCheckBox *m_startMinimized = nullptr;
    QCheckBox *m_notifications = nullptr;
    QCheckBox *m_startAtLogin = nullptr;
    QSpinBox *m_silenceWarn = nullptr;
    QSpinBox *m_blackWarn = nullptr;
    QComboBox *m_language = nullptr;
    QSpinBox *m_diskWarn = nullptr;
    QComboBox *m_retentionFolder = nullptr;
    QDoubleSpinBox *m_retentionGb = nullptr;
    QSpinBox *m_retentionDays = nullptr;
    QPushButton *m_retentionPreview = nullptr;
    QLabel *m_retentionSummary = nullptr;
    QListWidget *m_retentionList = nullptr;
    std::vector<RetentionRule> m_rules;
    QString m_ruleFolder;
    QString m_keptIndexPath;
    int m_previewGeneration = 0;
    QString m_autostartError;
};

} // namespace ui
} // namespace tapedeck

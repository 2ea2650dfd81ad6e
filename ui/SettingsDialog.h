#pragma once
// Settings, in pages: recording defaults, crash safety, network, disk,
// behaviour, language. Reads and writes the typed registry only.

#include <QDialog>

class QCheckBox;
class QComboBox;
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

signals:
    void applied(); // the settings were written; apply what can be applied live

private:
    QWidget *recordingPage();
    QWidget *safetyPage();
    QWidget *networkPage();
    QWidget *diskPage();
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
    QComboBox *m_language = nullptr;
};

} // namespace ui
} // namespace tapedeck

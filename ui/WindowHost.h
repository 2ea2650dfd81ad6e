#pragma once
// Owns the main window for the application. A language switch is applied
// without a restart by building a fresh window in the new language: every
// string is set where the widget is made, and a new window is simpler and
// surer than retranslating each one. Recordings live in the Engine, so they
// carry on; the new window takes them over.

#include <QObject>

#include <memory>

namespace tapedeck {
class Engine;
class Scheduler;
class Settings;
} // namespace tapedeck

namespace tapedeck {
namespace ui {

class MainWindow;
class SecretStore;

class WindowHost : public QObject {
    Q_OBJECT
public:
    WindowHost(Settings &settings, Engine &engine, SecretStore &secrets, QObject *parent = nullptr);
    ~WindowHost() override;

    MainWindow *window() const { return m_window.get(); }
    Scheduler *scheduler() const { return m_scheduler.get(); }
    // Installs the language's translations and rebuilds the window in it.
    void switchLanguage(const QString &language);

signals:
    void windowReplaced(tapedeck::ui::MainWindow *window);

private:
    void create();

    Settings &m_settings;
    Engine &m_engine;
    SecretStore &m_secrets;
    // Before the window: it outlives every window, so the scheduled
    // recordings' stop times survive a language switch.
    std::unique_ptr<Scheduler> m_scheduler;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace ui
} // namespace tapedeck

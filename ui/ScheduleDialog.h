#pragma once
// Schedules: every scheduled recording in one list, edited in a form beside
// it (source, start, stop time or duration, once on a date or on chosen
// weekdays). Works on a copy; OK hands the list back to the window, which
// gives it to the Scheduler (core/app/Scheduler.h).

#include "core/app/Schedule.h"

#include <QDialog>
#include <QVector>

#include <vector>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QGroupBox;
class QLabel;
class QListWidget;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTimeEdit;

namespace tapedeck {
namespace ui {

struct ScheduleSourceChoice {
    QString id;
    QString name;
};

class ScheduleDialog : public QDialog {
    Q_OBJECT
public:
    ScheduleDialog(std::vector<Schedule> schedules, QVector<ScheduleSourceChoice> sources, const ScheduleClock &clock,
                   QWidget *parent = nullptr);

    // A new schedule for `sourceId` (the first source when empty), selected.
    void addFor(const QString &sourceId);
    std::vector<Schedule> schedules() const { return m_schedules; }

    void accept() override;

    // "Mon, Wed, Fri 09:00–10:00", "Wed 2 Dec 2026 20:00 for 1 h 30 min": for lists and the tray.
    static QString describe(const Schedule &s);
    // "today 18:00", "tomorrow 07:30", "Wed 9 Dec 09:00" (local time of `zone`).
    static QString whenText(const QDateTime &instant, const QDateTime &now, const QTimeZone &zone);
    static QString timeText(QTime t);

private:
    void buildUi();
    void showCurrent();  // m_schedules[current] into the form
    void storeCurrent(); // the form into m_schedules[current]
    void refreshList();
    void updateNext();
    int current() const;
    QString sourceName(const QString &id) const;
    // Why `s` cannot be saved, or "".
    QString problem(const Schedule &s) const;

    std::vector<Schedule> m_schedules;
    QVector<ScheduleSourceChoice> m_sources;
    const ScheduleClock &m_clock;
    bool m_loading = false;

    QListWidget *m_list = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QGroupBox *m_editor = nullptr;
    QComboBox *m_source = nullptr;
    QCheckBox *m_enabled = nullptr;
    QTimeEdit *m_start = nullptr;
    QComboBox *m_stopMode = nullptr;
    QTimeEdit *m_stop = nullptr;
    QSpinBox *m_duration = nullptr;
    QRadioButton *m_onceRadio = nullptr;
    QRadioButton *m_weeklyRadio = nullptr;
    QDateEdit *m_date = nullptr;
    QCheckBox *m_days[7] = {};
    QLabel *m_next = nullptr;
};

} // namespace ui
} // namespace tapedeck

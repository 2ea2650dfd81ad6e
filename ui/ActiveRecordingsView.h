#pragma once
// Live view of the recordings: one card per recording with its state,
// figures (elapsed, size, bitrate, chunk, dropped packets) and a small
// preview decoded from the recording's own packets.

#include "core/record/RecordParams.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;
class QVBoxLayout;

namespace tapedeck {
class Engine;
}

namespace tapedeck {
namespace ui {

class RecordingCard : public QWidget {
    Q_OBJECT
public:
    RecordingCard(int id, const QString &title, const QString &detail, bool chunked, QWidget *parent = nullptr);
    int id() const { return m_id; }
    void setState(RecordState state, const QString &reason);
    void setStats(const RecordStats &s);
    void setPreview(const PreviewFrame &frame);
    RecordState state() const { return m_state; }

    static QString stateText(RecordState s);

signals:
    void stopClicked(int id);
    void dismissClicked(int id);

private:
    const int m_id;
    const bool m_chunked;
    RecordState m_state = RecordState::Waiting;
    QLabel *m_preview;
    QLabel *m_stateLabel;
    QLabel *m_error;
    QLabel *m_elapsed;
    QLabel *m_size;
    QLabel *m_bitrate;
    QLabel *m_chunk;
    QLabel *m_dropped;
    QLabel *m_file;
    QPushButton *m_stop;
    QPushButton *m_dismiss;
};

class ActiveRecordingsView : public QWidget {
    Q_OBJECT
public:
    explicit ActiveRecordingsView(Engine &engine, QWidget *parent = nullptr);

    RecordingCard *card(int id) const { return m_cards.value(id); }
    void addRecording(int id, const QString &title, const QString &detail, bool chunked);

    void onStateChanged(int id, RecordState state, const QString &reason);
    void onPreview(int id, const PreviewFrame &frame);

signals:
    void stopRequested(int id);

private:
    void refresh();
    void dismiss(int id);
    void updateEmpty();

    Engine &m_engine;
    QVBoxLayout *m_list;
    QLabel *m_empty;
    QTimer *m_timer;
    QHash<int, RecordingCard *> m_cards;
};

QString formatDuration(qint64 ms);

} // namespace ui
} // namespace tapedeck

#pragma once
// Plays a finished recording through Qt Multimedia.

#include <QDialog>

class QAudioOutput;
class QLabel;
class QMediaPlayer;
class QPushButton;
class QSlider;
class QVideoWidget;

namespace tapedeck {
namespace ui {

class PlayerDialog : public QDialog {
    Q_OBJECT
public:
    explicit PlayerDialog(QWidget *parent = nullptr);
    void play(const QString &path);
    QMediaPlayer *player() const { return m_player; }

protected:
    void closeEvent(QCloseEvent *e) override;

private:
    QMediaPlayer *m_player;
    QAudioOutput *m_audio;
    QVideoWidget *m_video;
    QPushButton *m_playPause;
    QSlider *m_position;
    QLabel *m_time;
    QLabel *m_error;
};

} // namespace ui
} // namespace tapedeck

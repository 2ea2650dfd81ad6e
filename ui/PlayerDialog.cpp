#include "ui/PlayerDialog.h"

#include "ui/ActiveRecordingsView.h"

#include <QAudioOutput>
#include <QCloseEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMediaPlayer>
#include <QPushButton>
#include <QSlider>
#include <QUrl>
#include <QVBoxLayout>
#include <QVideoWidget>

namespace tapedeck {
namespace ui {

PlayerDialog::PlayerDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("playerDialog"));
    resize(720, 480);
    m_player = new QMediaPlayer(this);
    m_audio = new QAudioOutput(this);
    m_player->setAudioOutput(m_audio);
    m_video = new QVideoWidget(this);
    m_video->setObjectName(QStringLiteral("videoWidget"));
    m_video->setMinimumSize(320, 180);
    m_player->setVideoOutput(m_video);

    m_playPause = new QPushButton(tr("Pause"), this);
    m_playPause->setObjectName(QStringLiteral("playPauseButton"));
    m_position = new QSlider(Qt::Horizontal, this);
    m_position->setObjectName(QStringLiteral("positionSlider"));
    m_time = new QLabel(this);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("playerError"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_playPause);
    controls->addWidget(m_position, 1);
    controls->addWidget(m_time);
    auto *lay = new QVBoxLayout(this);
    lay->addWidget(m_video, 1);
    lay->addWidget(m_error);
    lay->addLayout(controls);

    connect(m_playPause, &QPushButton::clicked, this, [this] {
        if (m_player->playbackState() == QMediaPlayer::PlayingState)
            m_player->pause();
        else
            m_player->play();
    });
    connect(m_player, &QMediaPlayer::playbackStateChanged, this, [this](QMediaPlayer::PlaybackState s) {
        m_playPause->setText(s == QMediaPlayer::PlayingState ? tr("Pause") : tr("Play"));
    });
    connect(m_player, &QMediaPlayer::durationChanged, this, [this](qint64 d) { m_position->setRange(0, int(d)); });
    connect(m_player, &QMediaPlayer::positionChanged, this, [this](qint64 p) {
        if (!m_position->isSliderDown())
            m_position->setValue(int(p));
        m_time->setText(QStringLiteral("%1 / %2").arg(formatDuration(p), formatDuration(m_player->duration())));
    });
    connect(m_position, &QSlider::sliderMoved, m_player, &QMediaPlayer::setPosition);
    connect(m_player, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error, const QString &text) {
        m_error->setText(tr("This file cannot be played: %1").arg(text));
        m_error->show();
    });
}

void PlayerDialog::play(const QString &path)
{
    setWindowTitle(tr("Playing %1").arg(QFileInfo(path).fileName()));
    m_error->hide();
    m_player->setSource(QUrl::fromLocalFile(path));
    m_player->play();
}

void PlayerDialog::closeEvent(QCloseEvent *e)
{
    m_player->stop();
    QDialog::closeEvent(e);
}

} // namespace ui
} // namespace tapedeck

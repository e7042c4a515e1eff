#pragma once

// The Monitor panel's load generator: rate, duration, connections, target and body, Start
// and Stop, a progress bar and the counts so far (sent, ok, failed, by deployment,
// latency percentiles). The generator runs on its own thread; this only shows it.

#include "loadgenerator.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class ScoringAccess;
class WorkspaceStore;

class LoadControls final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadControls)
public:
    explicit LoadControls(WorkspaceStore *store, QWidget *parent = nullptr);
    ~LoadControls() override;

    void setEndpoint(const QString &endpoint); // stops a run aimed at another endpoint
    // Where the default body comes from (the Test panel's editor); the demo's
    // sample-request.json when it gives nothing.
    void setBodySource(std::function<QByteArray()> source) { m_bodySource = std::move(source); }

    void setRate(double perSecond);
    void setDurationSeconds(int seconds);
    void setConcurrency(int connections);
    void setTarget(const QString &deployment); // empty: the endpoint's traffic rules
    void setBodyFile(const QString &path);

    void start(); // resolves the credential, then starts; errors show in the status line
    void stop();
    bool isRunning() const;
    LoadGenerator *generator() const { return m_generator; }
    QString statusText() const;

signals:
    // The seconds the generator completed, shaped as the metrics feed's buckets.
    void bucketsObserved(const QList<MetricsBucket> &buckets);
    void runningChanged(bool running);

private:
    void fillTargets();
    QByteArray chosenBody(QString *error) const;
    void showProgress(const LoadProgress &progress);
    void showError(const QString &text);
    void updateButtons();

    QPointer<WorkspaceStore> m_store;
    ScoringAccess *m_access;
    LoadGenerator *m_generator;
    std::function<QByteArray()> m_bodySource;
    QString m_endpoint;
    bool m_starting = false;

    QSpinBox *m_rate;
    QSpinBox *m_duration;
    QSpinBox *m_concurrency;
    QComboBox *m_target;
    QLineEdit *m_bodyFile;
    QPushButton *m_browse;
    QPushButton *m_startStop;
    QProgressBar *m_progress;
    QLabel *m_counts;
};

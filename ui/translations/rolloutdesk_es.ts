<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>CompareModel</name>
    <message>
        <source>body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  (Δ %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 − %2 = %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Differs from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (baseline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Differences are shown against %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareWidget</name>
    <message>
        <source>Compare sends the request body to every deployment of the endpoint (by the azureml-model-deployment header) and shows the answers side by side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only one deployment answered: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>All %n deployment(s) gave the same answer.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) differ from %1&apos;s answer (highlighted, with the difference).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DemoSeeder</name>
    <message>
        <source>The demo files were not found. Set ROLLOUTDESK_DEMO_DIR to the folder that holds endpoint.yml and the deployment files (the build&apos;s demo folder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating endpoint &apos;%1&apos;…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting deployments &apos;blue&apos; (demo model v1) and &apos;green&apos; (v2)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment &apos;blue&apos; is ready: sending it all traffic…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeploymentDialog</name>
    <message>
        <source>New Deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update Deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the file, or e.g. green</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From a YAML File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From a Form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;all traffic to it once it is ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Like --all-traffic: the endpoint&apos;s traffic becomes {this deployment: 100 %} once it has started. Otherwise it starts with 0 %.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blue-deployment.yml</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file&apos;s text shows here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment YAML File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: the environment&apos;s conda.yaml</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conda File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Code folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Scoring script:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Con&amp;da file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance &amp;type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance c&amp;ount:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scoring script defines init() and run(raw_data), as on Azure ML; the model folder is given to it as AZUREML_MODEL_DIR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an endpoint first (File → New Endpoint…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updates deployment &apos;%1&apos; of &apos;%2&apos;: its instances are replaced one at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creates deployment &apos;%1&apos; in &apos;%2&apos; with 0 % of the traffic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no endpoint to add the deployment to. Create an endpoint first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a deployment YAML file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model folder &apos;%1&apos; does not exist. Choose the folder that holds the model files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code folder &apos;%1&apos; does not exist. Choose the folder that holds the scoring script.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scoring script &apos;%1&apos; is not in the code folder %2. Give its path relative to that folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conda file &apos;%1&apos; does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeploymentTableModel</name>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (version %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 + %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timeout %1 ms · %2 concurrent · queue %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 % (mirror %2 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>YAML files (*.yml *.yaml);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndpointActions</name>
    <message>
        <source>Open Traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create endpoint &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create deployment &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update deployment &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale Deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instances of deployment &apos;%1&apos; (%2 to %3):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale deployment &apos;%1&apos; to %2 instances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete endpoint &apos;%1&apos;?

Its scoring URI stops answering. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete endpoint &apos;%1&apos; and its deployments %2?

Their instances stop and the scoring URI stops answering. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete endpoint &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment &apos;%1&apos; Cannot Be Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete deployment &apos;%1&apos; of endpoint &apos;%2&apos;?

Its %3 instance(s) stop. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It receives %1 % mirrored traffic: mirroring stops with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete deployment &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndpointDialog</name>
    <message>
        <source>New Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. my-endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3 to 32 characters: letters, digits and &apos;-&apos;, starting with a letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Azure ML token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From YAML File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint YAML File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An endpoint named &apos;%1&apos; already exists in this workspace. Choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndpointTreeModel</name>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scaling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mirror</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Scoring URI: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorsChart</name>
    <message>
        <source>Errors per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>req/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeadersModel</name>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live traffic (before → after)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mirror (before → after)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (unchanged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revert to before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the traffic back to %1 and the mirror to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Traffic history</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonEditor</name>
    <message>
        <source>Request body (JSON), e.g. {&quot;data&quot;: [[1, 2, 3]]}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LatencyChart</name>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoadControls</name>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> req/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as fast as possible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests per second over all connections; 0 sends as fast as the endpoint answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections kept open to the endpoint, one request in flight on each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Test tab&apos;s body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file with the request body; empty sends the body of the Test tab (or the demo&apos;s sample-request.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load generator idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;nnections:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tar&amp;get:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Body:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request body for the load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint (traffic rules)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the body file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body file %1 is larger than 16 MiB; pick a smaller one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no request body: write one in the Test tab or choose a body file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting the endpoint&apos;s credentials…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 (%3 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p50 %1 ms · p95 %2 ms · p99 %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop load</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogsPanel</name>
    <message>
        <source>&amp;Deployment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lines:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the logs again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Follow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the logs every second while this tab is shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No log lines yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This endpoint has no deployments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The logs could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>RolloutDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safe rollout of machine-learning models on online endpoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the demo endpoint without asking when the workspace is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local workspace&apos;s state folder (default: $ROLLOUTDESK_STATE_DIR, else the user data folder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;Endpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;Deployment from YAML…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment YAML File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Deployment from a &amp;Form…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Update Deployment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Scale…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About RolloutDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent &amp;Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoints and deployments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the Demo Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint &apos;demo&apos; with deployment &apos;blue&apos; (demo model v1, all traffic) and &apos;green&apos; (v2, 0 %): everything you need to try a safe rollout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Endpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the local host again if it is not running, and reconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the local workspace host…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local workspace host did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local workspace host did not start.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n operation(s) running</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Connected to rolloutd at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local workspace state folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot refresh from rolloutd at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo is ready: &apos;blue&apos; has all the traffic and &apos;green&apos; 0 %. Try it in the Test tab, then move traffic in the Traffic tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo could not be created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the demo endpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workspace has no endpoints yet.

Create the demo to try a blue/green rollout right away, or create your own endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an endpoint on the left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Deployment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Endpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About RolloutDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RolloutDesk %1

Safe rollout (blue/green) of machine-learning models on online endpoints: deploy a new version with no traffic, test it, mirror and move traffic step by step, and delete the old one. The local workspace runs everything on this computer; Azure Machine Learning workspaces follow the same REST contract.

Built with Qt %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MonitorPanel</name>
    <message>
        <source>mirror </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load generator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an endpoint on the left to watch its traffic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live metrics of %1 from the workspace, one point a second; dashed lines mark traffic changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workspace has no metrics feed for %1, so the charts show what this app&apos;s load generator observes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the metrics of %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OverviewPanel</name>
    <message>
        <source>Access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the scoring URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the keys again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring URI:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Primary key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secondary key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the primary key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the secondary key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate the primary key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate the secondary key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Primary key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secondary key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No endpoint selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key (key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Azure ML token (aml_token)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microsoft Entra token (aad_token)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get a fresh token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keys could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No token: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate the primary key of endpoint &apos;%1&apos;?

Clients that use the current primary key get 401 Unauthorized until they switch to the new one (or to the secondary key).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate the secondary key of endpoint &apos;%1&apos;?

Clients that use the current secondary key get 401 Unauthorized until they switch to the new one (or to the primary key).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new primary key is in use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new secondary key is in use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 copied to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecentRequestsModel</name>
    <message>
        <source>endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2 → %3  %4  %5 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1

%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestsChart</name>
    <message>
        <source>Requests per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>req/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SplitChart</name>
    <message>
        <source>Observed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configured traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configured mirror</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observed vs configured split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observed (last %1 s, %2 requests)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observed (no requests in the last %1 s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TestPanel</name>
    <message>
        <source>Where the request goes: the endpoint, whose traffic rules choose a deployment, or one deployment by the azureml-model-deployment header (even at 0 % traffic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the request (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare deployments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the same body to every deployment and show the answers side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pretty-print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No request sent yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer appears here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an endpoint on the left to test it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a request to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint (traffic rules)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint %1 has no deployments to compare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Sending to %n deployment(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Served by: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The azureml-model-deployment header of the answer. Azure ML need not send it: then it shows —.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load request body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than 16 MiB; endpoints take at most 1.5 MiB per request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — note: over 1.5 MiB, the endpoint will answer 413</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrafficPanel</name>
    <message>
        <source>Live traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mirror traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard the edits and show the endpoint&apos;s current traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This endpoint has no deployments yet: create one to send it traffic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the second deployment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mirror share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A copy of this share of the live requests also goes to the target; its answers are discarded. At most %1 %, to a deployment without live traffic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mirror to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No endpoint selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traffic of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (has %2 % live traffic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint has no deployments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total is %1 %: it must be 100 % (or 0 %).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total: %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review the change, then apply it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to apply: the editors show the endpoint&apos;s current traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  →  %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (unchanged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the traffic of endpoint &apos;%1&apos;?

Live traffic:  %2
Mirror:  %3

The next request follows the new setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply traffic change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied at %1: %2; mirror %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot revert that change: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revert endpoint &apos;%1&apos; to the traffic before the change of %2?

Live traffic:  %3  →  %4
Mirror:  %5  →  %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revert traffic change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrafficSlider</name>
    <message>
        <source>Traffic split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the live traffic that goes to %1 (the rest goes to %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %  %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrafficText</name>
    <message>
        <source>%1 %2 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkspacePicker</name>
    <message>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Workspace:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local workspace: endpoints run on this computer.
State folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

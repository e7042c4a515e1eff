<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AzureSignIn</name>
    <message>
        <source>Signing in: enter the code %1 at %2</source>
        <translation>Iniciando sesión: escriba el código %1 en %2</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation>No se pudo iniciar sesión: %1</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Sesión iniciada como %1</translation>
    </message>
</context>
<context>
    <name>AzureWorkspaceDialog</name>
    <message>
        <source>Azure Machine Learning Workspace</source>
        <translation>Área de trabajo de Azure Machine Learning</translation>
    </message>
    <message>
        <source>00000000-0000-0000-0000-000000000000</source>
        <translation>00000000-0000-0000-0000-000000000000</translation>
    </message>
    <message>
        <source>organizations</source>
        <translation>organizations</translation>
    </message>
    <message>
        <source>&amp;Subscription ID:</source>
        <translation>Id. de &amp;suscripción:</translation>
    </message>
    <message>
        <source>&amp;Resource group:</source>
        <translation>&amp;Grupo de recursos:</translation>
    </message>
    <message>
        <source>&amp;Workspace name:</source>
        <translation>&amp;Nombre del área de trabajo:</translation>
    </message>
    <message>
        <source>Other clouds only (leave empty for Azure public cloud):</source>
        <translation>Solo para otras nubes (déjelo vacío para la nube pública de Azure):</translation>
    </message>
    <message>
        <source>&amp;ARM host:</source>
        <translation>Host de &amp;ARM:</translation>
    </message>
    <message>
        <source>A&amp;uthority host:</source>
        <translation>Host de a&amp;utoridad:</translation>
    </message>
    <message>
        <source>&amp;Tenant:</source>
        <translation>&amp;Inquilino:</translation>
    </message>
    <message>
        <source>Enter the subscription ID, resource group and workspace name of the Azure Machine Learning workspace.</source>
        <translation>Escriba el id. de suscripción, el grupo de recursos y el nombre del área de trabajo de Azure Machine Learning.</translation>
    </message>
</context>
<context>
    <name>CompareModel</name>
    <message>
        <source>body</source>
        <translation>cuerpo</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>sin respuesta</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1  (Δ %2)</source>
        <translation>%1  (Δ %2)</translation>
    </message>
    <message>
        <source>%1 − %2 = %3</source>
        <translation>%1 − %2 = %3</translation>
    </message>
    <message>
        <source>Differs from %1</source>
        <translation>Difiere de %1</translation>
    </message>
    <message>
        <source>%1 (baseline)</source>
        <translation>%1 (referencia)</translation>
    </message>
    <message>
        <source>Differences are shown against %1</source>
        <translation>Las diferencias se muestran respecto a %1</translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation>Estado HTTP</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latencia</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valor</translation>
    </message>
</context>
<context>
    <name>CompareWidget</name>
    <message>
        <source>Compare sends the request body to every deployment of the endpoint (by the azureml-model-deployment header) and shows the answers side by side.</source>
        <translation>Comparar envía el cuerpo de la solicitud a cada implementación del punto de conexión (mediante el encabezado azureml-model-deployment) y muestra las respuestas en paralelo.</translation>
    </message>
    <message>
        <source>Only one deployment answered: %1.</source>
        <translation>Solo respondió una implementación: %1.</translation>
    </message>
    <message numerus="yes">
        <source>All %n deployment(s) gave the same answer.</source>
        <translation>
            <numerusform>%n implementación dio la misma respuesta.</numerusform>
            <numerusform>Las %n implementaciones dieron la misma respuesta.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) differ from %1&apos;s answer (highlighted, with the difference).</source>
        <translation>
            <numerusform>%n valor difiere de la respuesta de %1 (resaltado, con la diferencia).</numerusform>
            <numerusform>%n valores difieren de la respuesta de %1 (resaltados, con la diferencia).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DemoSeeder</name>
    <message>
        <source>The demo files were not found. Set ROLLOUTDESK_DEMO_DIR to the folder that holds endpoint.yml and the deployment files (the build&apos;s demo folder).</source>
        <translation>No se encontraron los archivos de la demostración. Establezca ROLLOUTDESK_DEMO_DIR en la carpeta que contiene endpoint.yml y los archivos de implementación (la carpeta demo de la compilación).</translation>
    </message>
    <message>
        <source>Creating endpoint &apos;%1&apos;…</source>
        <translation>Creando el punto de conexión &apos;%1&apos;…</translation>
    </message>
    <message>
        <source>Starting deployments &apos;blue&apos; (demo model v1) and &apos;green&apos; (v2)…</source>
        <translation>Iniciando las implementaciones &apos;blue&apos; (modelo de demostración v1) y &apos;green&apos; (v2)…</translation>
    </message>
    <message>
        <source>Deployment &apos;blue&apos; is ready: sending it all traffic…</source>
        <translation>La implementación &apos;blue&apos; está lista: enviándole todo el tráfico…</translation>
    </message>
</context>
<context>
    <name>DeploymentDialog</name>
    <message>
        <source>New Deployment</source>
        <translation>Nueva implementación</translation>
    </message>
    <message>
        <source>Update Deployment</source>
        <translation>Actualizar implementación</translation>
    </message>
    <message>
        <source>from the file, or e.g. green</source>
        <translation>del archivo, o p. ej. green</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>&amp;Punto de conexión:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>From a YAML File</source>
        <translation>Desde un archivo YAML</translation>
    </message>
    <message>
        <source>From a Form</source>
        <translation>Desde un formulario</translation>
    </message>
    <message>
        <source>Send &amp;all traffic to it once it is ready</source>
        <translation>Enviarle &amp;todo el tráfico cuando esté lista</translation>
    </message>
    <message>
        <source>Like --all-traffic: the endpoint&apos;s traffic becomes {this deployment: 100 %} once it has started. Otherwise it starts with 0 %.</source>
        <translation>Como --all-traffic: el tráfico del punto de conexión pasa a ser {esta implementación: 100 %} en cuanto se haya iniciado. Si no, empieza con el 0 %.</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Crear</translation>
    </message>
    <message>
        <source>blue-deployment.yml</source>
        <translation>blue-deployment.yml</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>The file&apos;s text shows here.</source>
        <translation>Aquí se muestra el contenido del archivo.</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Archivo:</translation>
    </message>
    <message>
        <source>Deployment YAML File</source>
        <translation>Archivo YAML de implementación</translation>
    </message>
    <message>
        <source>Optional: the environment&apos;s conda.yaml</source>
        <translation>Opcional: el conda.yaml del entorno</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Conda File</source>
        <translation>Archivo de Conda</translation>
    </message>
    <message>
        <source>&amp;Model folder:</source>
        <translation>Carpeta del &amp;modelo:</translation>
    </message>
    <message>
        <source>Model Folder</source>
        <translation>Carpeta del modelo</translation>
    </message>
    <message>
        <source>&amp;Code folder:</source>
        <translation>Carpeta del &amp;código:</translation>
    </message>
    <message>
        <source>Code Folder</source>
        <translation>Carpeta del código</translation>
    </message>
    <message>
        <source>&amp;Scoring script:</source>
        <translation>&amp;Script de puntuación:</translation>
    </message>
    <message>
        <source>Con&amp;da file:</source>
        <translation>Archivo de Con&amp;da:</translation>
    </message>
    <message>
        <source>Instance &amp;type:</source>
        <translation>T&amp;ipo de instancia:</translation>
    </message>
    <message>
        <source>Instance c&amp;ount:</source>
        <translation>Núm&amp;ero de instancias:</translation>
    </message>
    <message>
        <source>The scoring script defines init() and run(raw_data), as on Azure ML; the model folder is given to it as AZUREML_MODEL_DIR.</source>
        <translation>El script de puntuación define init() y run(raw_data), como en Azure ML; recibe la carpeta del modelo como AZUREML_MODEL_DIR.</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Create an endpoint first (File → New Endpoint…).</source>
        <translation>Cree antes un punto de conexión (Archivo → Nuevo punto de conexión…).</translation>
    </message>
    <message>
        <source>Updates deployment &apos;%1&apos; of &apos;%2&apos;: its instances are replaced one at a time.</source>
        <translation>Actualiza la implementación &apos;%1&apos; de &apos;%2&apos;: sus instancias se reemplazan de una en una.</translation>
    </message>
    <message>
        <source>Creates deployment &apos;%1&apos; in &apos;%2&apos; with 0 % of the traffic.</source>
        <translation>Crea la implementación &apos;%1&apos; en &apos;%2&apos; con el 0 % del tráfico.</translation>
    </message>
    <message>
        <source>There is no endpoint to add the deployment to. Create an endpoint first.</source>
        <translation>No hay ningún punto de conexión al que añadir la implementación. Cree antes un punto de conexión.</translation>
    </message>
    <message>
        <source>Choose a deployment YAML file.</source>
        <translation>Elija un archivo YAML de implementación.</translation>
    </message>
    <message>
        <source>The model folder &apos;%1&apos; does not exist. Choose the folder that holds the model files.</source>
        <translation>La carpeta del modelo &apos;%1&apos; no existe. Elija la carpeta que contiene los archivos del modelo.</translation>
    </message>
    <message>
        <source>The code folder &apos;%1&apos; does not exist. Choose the folder that holds the scoring script.</source>
        <translation>La carpeta del código &apos;%1&apos; no existe. Elija la carpeta que contiene el script de puntuación.</translation>
    </message>
    <message>
        <source>The scoring script &apos;%1&apos; is not in the code folder %2. Give its path relative to that folder.</source>
        <translation>El script de puntuación &apos;%1&apos; no está en la carpeta del código %2. Indique su ruta relativa a esa carpeta.</translation>
    </message>
    <message>
        <source>The conda file &apos;%1&apos; does not exist.</source>
        <translation>El archivo de Conda &apos;%1&apos; no existe.</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>Línea %1, columna %2: %3</translation>
    </message>
</context>
<context>
    <name>DeploymentTableModel</name>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>%1 (version %2)</source>
        <translation>%1 (versión %2)</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 en %2</translation>
    </message>
    <message>
        <source>%1 + %2</source>
        <translation>%1 + %2</translation>
    </message>
    <message>
        <source>timeout %1 ms · %2 concurrent · queue %3 ms</source>
        <translation>tiempo de espera %1 ms · %2 simultáneas · cola %3 ms</translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation>Implementación</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Tráfico</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Entorno</translation>
    </message>
    <message>
        <source>Instance type</source>
        <translation>Tipo de instancia</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>Instancias</translation>
    </message>
    <message>
        <source>Request settings</source>
        <translation>Configuración de solicitudes</translation>
    </message>
    <message>
        <source>%1 % (mirror %2 %)</source>
        <translation>%1 % (reflejo %2 %)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Scoring script %1 in %2</source>
        <translation>Script de puntuación %1 en %2</translation>
    </message>
    <message>
        <source>Image: %1
Conda file: %2</source>
        <translation>Imagen: %1
Archivo de Conda: %2</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>YAML files (*.yml *.yaml);;All files (*)</source>
        <translation>Archivos YAML (*.yml *.yaml);;Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>EndpointActions</name>
    <message>
        <source>Open Traffic</source>
        <translation>Abrir Tráfico</translation>
    </message>
    <message>
        <source>Create endpoint &apos;%1&apos;</source>
        <translation>Crear el punto de conexión &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Create deployment &apos;%1&apos;</source>
        <translation>Crear la implementación &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Update deployment &apos;%1&apos;</source>
        <translation>Actualizar la implementación &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Scale Deployment</source>
        <translation>Escalar implementación</translation>
    </message>
    <message>
        <source>Instances of deployment &apos;%1&apos; (%2 to %3):</source>
        <translation>Instancias de la implementación &apos;%1&apos; (de %2 a %3):</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Escalar</translation>
    </message>
    <message>
        <source>Scale deployment &apos;%1&apos; to %2 instances</source>
        <translation>Escalar la implementación &apos;%1&apos; a %2 instancias</translation>
    </message>
    <message>
        <source>Delete endpoint &apos;%1&apos;?

Its scoring URI stops answering. This cannot be undone.</source>
        <translation>¿Eliminar el punto de conexión &apos;%1&apos;?

Su URI de puntuación dejará de responder. Esta acción no se puede deshacer.</translation>
    </message>
    <message>
        <source>Delete endpoint &apos;%1&apos; and its deployments %2?

Their instances stop and the scoring URI stops answering. This cannot be undone.</source>
        <translation>¿Eliminar el punto de conexión &apos;%1&apos; y sus implementaciones %2?

Sus instancias se detendrán y el URI de puntuación dejará de responder. Esta acción no se puede deshacer.</translation>
    </message>
    <message>
        <source>Delete Endpoint</source>
        <translation>Eliminar punto de conexión</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Delete endpoint &apos;%1&apos;</source>
        <translation>Eliminar el punto de conexión &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Deployment &apos;%1&apos; Cannot Be Deleted</source>
        <translation>No se puede eliminar la implementación &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Delete deployment &apos;%1&apos; of endpoint &apos;%2&apos;?

Its %3 instance(s) stop. This cannot be undone.</source>
        <translation>¿Eliminar la implementación &apos;%1&apos; del punto de conexión &apos;%2&apos;?

Se detendrán sus instancias (%3). Esta acción no se puede deshacer.</translation>
    </message>
    <message>
        <source>It receives %1 % mirrored traffic: mirroring stops with it.</source>
        <translation>Recibe un %1 % de tráfico reflejado: al eliminarla, el reflejo se detiene.</translation>
    </message>
    <message>
        <source>Delete Deployment</source>
        <translation>Eliminar implementación</translation>
    </message>
    <message>
        <source>Delete deployment &apos;%1&apos;</source>
        <translation>Eliminar la implementación &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>EndpointDialog</name>
    <message>
        <source>New Endpoint</source>
        <translation>Nuevo punto de conexión</translation>
    </message>
    <message>
        <source>e.g. my-endpoint</source>
        <translation>p. ej. my-endpoint</translation>
    </message>
    <message>
        <source>3 to 32 characters: letters, digits and &apos;-&apos;, starting with a letter</source>
        <translation>De 3 a 32 caracteres: letras, dígitos y &apos;-&apos;, empezando por una letra</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Azure ML token</source>
        <translation>Token de Azure ML</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Opcional</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>&amp;Autenticación:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Descripción:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Crear</translation>
    </message>
    <message>
        <source>From YAML File…</source>
        <translation>Desde un archivo YAML…</translation>
    </message>
    <message>
        <source>Endpoint YAML File</source>
        <translation>Archivo YAML del punto de conexión</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>Desde %1</translation>
    </message>
    <message>
        <source>An endpoint named &apos;%1&apos; already exists in this workspace. Choose another name.</source>
        <translation>Ya existe un punto de conexión llamado &apos;%1&apos; en esta área de trabajo. Elija otro nombre.</translation>
    </message>
</context>
<context>
    <name>EndpointTreeModel</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Creando…</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Actualizando…</translation>
    </message>
    <message>
        <source>Scaling…</source>
        <translation>Escalando…</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>Eliminando…</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Correcto</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Tráfico</translation>
    </message>
    <message>
        <source>Mirror</source>
        <translation>Reflejo</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>Instancias</translation>
    </message>
    <message>
        <source>%1
Scoring URI: %2</source>
        <translation>%1
URI de puntuación: %2</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Advertencia: %1</translation>
    </message>
</context>
<context>
    <name>ErrorsChart</name>
    <message>
        <source>Errors per second</source>
        <translation>Errores por segundo</translation>
    </message>
    <message>
        <source>req/s</source>
        <translation>sol./s</translation>
    </message>
</context>
<context>
    <name>HeadersModel</name>
    <message>
        <source>Header</source>
        <translation>Encabezado</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>Cambiado por</translation>
    </message>
    <message>
        <source>Live traffic (before → after)</source>
        <translation>Tráfico en vivo (antes → después)</translation>
    </message>
    <message>
        <source>Mirror (before → after)</source>
        <translation>Reflejo (antes → después)</translation>
    </message>
    <message>
        <source>%1 (unchanged)</source>
        <translation>%1 (sin cambios)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Revert to before</source>
        <translation>Revertir</translation>
    </message>
    <message>
        <source>Set the traffic back to %1 and the mirror to %2</source>
        <translation>Devolver el tráfico a %1 y el reflejo a %2</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Traffic history</source>
        <translation>Historial de tráfico</translation>
    </message>
</context>
<context>
    <name>JsonEditor</name>
    <message>
        <source>Request body (JSON), e.g. {&quot;data&quot;: [[1, 2, 3]]}</source>
        <translation>Cuerpo de la solicitud (JSON), p. ej. {&quot;data&quot;: [[1, 2, 3]]}</translation>
    </message>
    <message>
        <source>The body is empty</source>
        <translation>El cuerpo está vacío</translation>
    </message>
    <message>
        <source>Valid JSON</source>
        <translation>JSON válido</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>Línea %1, columna %2: %3</translation>
    </message>
</context>
<context>
    <name>LatencyChart</name>
    <message>
        <source>Latency</source>
        <translation>Latencia</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Latency (p50 solid, p95 dashed, p99 dotted)</source>
        <translation>Latencia (p50 continua, p95 discontinua, p99 punteada)</translation>
    </message>
</context>
<context>
    <name>LoadControls</name>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Start load</source>
        <translation>Iniciar carga</translation>
    </message>
    <message>
        <source> req/s</source>
        <translation> sol./s</translation>
    </message>
    <message>
        <source>as fast as possible</source>
        <translation>lo más rápido posible</translation>
    </message>
    <message>
        <source>Requests per second over all connections; 0 sends as fast as the endpoint answers</source>
        <translation>Solicitudes por segundo en total entre todas las conexiones; 0 envía tan rápido como responda el punto de conexión</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Connections kept open to the endpoint, one request in flight on each</source>
        <translation>Conexiones que se mantienen abiertas con el punto de conexión, con una solicitud en curso en cada una</translation>
    </message>
    <message>
        <source>the Test tab&apos;s body</source>
        <translation>el cuerpo de la pestaña Prueba</translation>
    </message>
    <message>
        <source>A file with the request body; empty sends the body of the Test tab (or the demo&apos;s sample-request.json)</source>
        <translation>Un archivo con el cuerpo de la solicitud; si se deja vacío, se envía el cuerpo de la pestaña Prueba (o el sample-request.json de la demostración)</translation>
    </message>
    <message>
        <source>Load generator idle</source>
        <translation>Generador de carga inactivo</translation>
    </message>
    <message>
        <source>&amp;Rate:</source>
        <translation>&amp;Tasa:</translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation>&amp;Duración:</translation>
    </message>
    <message>
        <source>Co&amp;nnections:</source>
        <translation>&amp;Conexiones:</translation>
    </message>
    <message>
        <source>Tar&amp;get:</source>
        <translation>D&amp;estino:</translation>
    </message>
    <message>
        <source>&amp;Body:</source>
        <translation>Cue&amp;rpo:</translation>
    </message>
    <message>
        <source>Request body for the load</source>
        <translation>Cuerpo de la solicitud para la carga</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>Archivos JSON (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Endpoint (traffic rules)</source>
        <translation>Punto de conexión (reglas de tráfico)</translation>
    </message>
    <message>
        <source>Cannot read the body file %1: %2</source>
        <translation>No se puede leer el archivo del cuerpo %1: %2</translation>
    </message>
    <message>
        <source>The body file %1 is larger than 16 MiB; pick a smaller one.</source>
        <translation>El archivo del cuerpo %1 ocupa más de 16 MiB; elija uno más pequeño.</translation>
    </message>
    <message>
        <source>There is no request body: write one in the Test tab or choose a body file.</source>
        <translation>No hay cuerpo de solicitud: escriba uno en la pestaña Prueba o elija un archivo de cuerpo.</translation>
    </message>
    <message>
        <source>Getting the endpoint&apos;s credentials…</source>
        <translation>Obteniendo las credenciales del punto de conexión…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Sent %1</source>
        <translation>Enviadas %1</translation>
    </message>
    <message>
        <source>OK %1</source>
        <translation>Correctas %1</translation>
    </message>
    <message>
        <source>Failed %1</source>
        <translation>Fallidas %1</translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation>sin nombre</translation>
    </message>
    <message>
        <source>%1 %2 (%3 %)</source>
        <translation>%1 %2 (%3 %)</translation>
    </message>
    <message>
        <source>p50 %1 ms · p95 %2 ms · p99 %3 ms</source>
        <translation>p50 %1 ms · p95 %2 ms · p99 %3 ms</translation>
    </message>
    <message>
        <source>Finished: %1</source>
        <translation>Terminado: %1</translation>
    </message>
    <message>
        <source> — last error: %1</source>
        <translation> — último error: %1</translation>
    </message>
    <message>
        <source>Stop load</source>
        <translation>Detener carga</translation>
    </message>
</context>
<context>
    <name>LogsPanel</name>
    <message>
        <source>&amp;Deployment:</source>
        <translation>&amp;Implementación:</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Líneas</translation>
    </message>
    <message>
        <source>&amp;Lines:</source>
        <translation>&amp;Líneas:</translation>
    </message>
    <message>
        <source>Read the logs again</source>
        <translation>Volver a leer los registros</translation>
    </message>
    <message>
        <source>&amp;Follow</source>
        <translation>&amp;Seguir</translation>
    </message>
    <message>
        <source>Read the logs every second while this tab is shown</source>
        <translation>Leer los registros cada segundo mientras esta pestaña esté visible</translation>
    </message>
    <message>
        <source>No log lines yet.</source>
        <translation>Aún no hay líneas de registro.</translation>
    </message>
    <message>
        <source>This endpoint has no deployments.</source>
        <translation>Este punto de conexión no tiene implementaciones.</translation>
    </message>
    <message>
        <source>The logs could not be read: %1</source>
        <translation>No se pudieron leer los registros: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>RolloutDesk</source>
        <translation>RolloutDesk</translation>
    </message>
    <message>
        <source>Safe rollout of machine-learning models on online endpoints.</source>
        <translation>Lanzamiento seguro de modelos de aprendizaje automático en puntos de conexión en línea.</translation>
    </message>
    <message>
        <source>Create the demo endpoint without asking when the workspace is empty.</source>
        <translation>Crear el punto de conexión de demostración sin preguntar si el área de trabajo está vacía.</translation>
    </message>
    <message>
        <source>The local workspace&apos;s state folder (default: $ROLLOUTDESK_STATE_DIR, else the user data folder).</source>
        <translation>La carpeta de estado del área de trabajo local (predeterminada: $ROLLOUTDESK_STATE_DIR o, si no, la carpeta de datos del usuario).</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>carpeta</translation>
    </message>
    <message>
        <source>New &amp;Endpoint…</source>
        <translation>Nuevo &amp;punto de conexión…</translation>
    </message>
    <message>
        <source>New &amp;Deployment from YAML…</source>
        <translation>Nueva &amp;implementación desde YAML…</translation>
    </message>
    <message>
        <source>Deployment YAML File</source>
        <translation>Archivo YAML de implementación</translation>
    </message>
    <message>
        <source>New Deployment from a &amp;Form…</source>
        <translation>Nueva implementación desde un &amp;formulario…</translation>
    </message>
    <message>
        <source>&amp;Update Deployment…</source>
        <translation>&amp;Actualizar implementación…</translation>
    </message>
    <message>
        <source>&amp;Scale…</source>
        <translation>&amp;Escalar…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>E&amp;liminar…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;About RolloutDesk</source>
        <translation>&amp;Acerca de RolloutDesk</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>Recent &amp;Files</source>
        <translation>Archivos &amp;recientes</translation>
    </message>
    <message>
        <source>&amp;Endpoint</source>
        <translation>&amp;Punto de conexión</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>Endpoints and deployments</source>
        <translation>Puntos de conexión e implementaciones</translation>
    </message>
    <message>
        <source>Create the Demo Endpoint</source>
        <translation>Crear el punto de conexión de demostración</translation>
    </message>
    <message>
        <source>Endpoint &apos;demo&apos; with deployment &apos;blue&apos; (demo model v1, all traffic) and &apos;green&apos; (v2, 0 %): everything you need to try a safe rollout.</source>
        <translation>Punto de conexión &apos;demo&apos; con las implementaciones &apos;blue&apos; (modelo de demostración v1, todo el tráfico) y &apos;green&apos; (v2, 0 %): todo lo necesario para probar un lanzamiento seguro.</translation>
    </message>
    <message>
        <source>New Endpoint…</source>
        <translation>Nuevo punto de conexión…</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Volver a conectar</translation>
    </message>
    <message>
        <source>Start the local host again if it is not running, and reconnect</source>
        <translation>Volver a iniciar el host local si no está en ejecución y volver a conectar</translation>
    </message>
    <message>
        <source>Starting the local workspace host…</source>
        <translation>Iniciando el host del área de trabajo local…</translation>
    </message>
    <message>
        <source>The local workspace host did not start: %1</source>
        <translation>El host del área de trabajo local no se inició: %1</translation>
    </message>
    <message>
        <source>The local workspace host did not start.

%1</source>
        <translation>El host del área de trabajo local no se inició.

%1</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>Falló la operación «%1»: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n operation(s) running</source>
        <translation>
            <numerusform>%n operación en curso</numerusform>
            <numerusform>%n operaciones en curso</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected to rolloutd at %1</source>
        <translation>Conectado a rolloutd en %1</translation>
    </message>
    <message>
        <source>Local workspace state folder: %1</source>
        <translation>Carpeta de estado del área de trabajo local: %1</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Información general</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Tráfico</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Cannot refresh from rolloutd at %1: %2</source>
        <translation>No se puede actualizar desde rolloutd en %1: %2</translation>
    </message>
    <message>
        <source>The demo is ready: &apos;blue&apos; has all the traffic and &apos;green&apos; 0 %. Try it in the Test tab, then move traffic in the Traffic tab.</source>
        <translation>La demostración está lista: &apos;blue&apos; tiene todo el tráfico y &apos;green&apos; el 0 %. Pruébela en la pestaña Prueba y después mueva el tráfico en la pestaña Tráfico.</translation>
    </message>
    <message>
        <source>Open Traffic</source>
        <translation>Abrir Tráfico</translation>
    </message>
    <message>
        <source>The demo could not be created: %1</source>
        <translation>No se pudo crear la demostración: %1</translation>
    </message>
    <message>
        <source>Reading the workspace…</source>
        <translation>Leyendo el área de trabajo…</translation>
    </message>
    <message>
        <source>Creating the demo endpoint…</source>
        <translation>Creando el punto de conexión de demostración…</translation>
    </message>
    <message>
        <source>This workspace has no endpoints yet.

Create the demo to try a blue/green rollout right away, or create your own endpoint.</source>
        <translation>Esta área de trabajo aún no tiene puntos de conexión.

Cree la demostración para probar ya un lanzamiento azul/verde, o cree su propio punto de conexión.</translation>
    </message>
    <message>
        <source>Select an endpoint on the left.</source>
        <translation>Seleccione un punto de conexión a la izquierda.</translation>
    </message>
    <message>
        <source>&amp;Delete Deployment…</source>
        <translation>E&amp;liminar implementación…</translation>
    </message>
    <message>
        <source>&amp;Delete Endpoint…</source>
        <translation>E&amp;liminar punto de conexión…</translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>No hay archivos recientes</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>&amp;Borrar lista</translation>
    </message>
    <message>
        <source>About RolloutDesk</source>
        <translation>Acerca de RolloutDesk</translation>
    </message>
    <message>
        <source>RolloutDesk %1

Safe rollout (blue/green) of machine-learning models on online endpoints: deploy a new version with no traffic, test it, mirror and move traffic step by step, and delete the old one. The local workspace runs everything on this computer; Azure Machine Learning workspaces follow the same REST contract.

Built with Qt %2.</source>
        <translation>RolloutDesk %1

Lanzamiento seguro (azul/verde) de modelos de aprendizaje automático en puntos de conexión en línea: implemente una versión nueva sin tráfico, pruébela, refleje y mueva el tráfico paso a paso, y elimine la anterior. El área de trabajo local lo ejecuta todo en este equipo; las áreas de trabajo de Azure Machine Learning siguen el mismo contrato REST.

Compilado con Qt %2.</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Prueba</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>Supervisión</translation>
    </message>
    <message>
        <source>To sign in to Azure, open %1 and enter the code %2.</source>
        <translation>Para iniciar sesión en Azure, abra %1 y escriba el código %2.</translation>
    </message>
    <message>
        <source>Cancel Sign-in</source>
        <translation>Cancelar inicio de sesión</translation>
    </message>
    <message>
        <source>The Azure workspace %1 could not be loaded.</source>
        <translation>No se pudo cargar el área de trabajo de Azure %1.</translation>
    </message>
    <message>
        <source>The Azure workspace %1 could not be loaded.

%2</source>
        <translation>No se pudo cargar el área de trabajo de Azure %1.

%2</translation>
    </message>
    <message>
        <source>The Azure workspace %1 could not be loaded: %2</source>
        <translation>No se pudo cargar el área de trabajo de Azure %1: %2</translation>
    </message>
    <message>
        <source>Back to Local</source>
        <translation>Volver a Local</translation>
    </message>
    <message>
        <source>Connected to the Azure workspace %1</source>
        <translation>Conectado al área de trabajo de Azure %1</translation>
    </message>
    <message>
        <source>Rollout</source>
        <translation>Lanzamiento</translation>
    </message>
    <message>
        <source>Cannot refresh from the Azure workspace %1: %2</source>
        <translation>No se puede actualizar desde el área de trabajo de Azure %1: %2</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close message</source>
        <translation>Cerrar mensaje</translation>
    </message>
</context>
<context>
    <name>MonitorPanel</name>
    <message>
        <source>mirror </source>
        <translation>reflejo </translation>
    </message>
    <message>
        <source>Load generator</source>
        <translation>Generador de carga</translation>
    </message>
    <message>
        <source>Select an endpoint on the left to watch its traffic.</source>
        <translation>Seleccione un punto de conexión a la izquierda para supervisar su tráfico.</translation>
    </message>
    <message>
        <source>Live metrics of %1 from the workspace, one point a second; dashed lines mark traffic changes.</source>
        <translation>Métricas en vivo de %1 desde el área de trabajo, un punto por segundo; las líneas discontinuas marcan cambios de tráfico.</translation>
    </message>
    <message>
        <source>This workspace has no metrics feed for %1, so the charts show what this app&apos;s load generator observes.</source>
        <translation>Esta área de trabajo no ofrece métricas de %1, así que los gráficos muestran lo que observa el generador de carga de esta aplicación.</translation>
    </message>
    <message>
        <source>Waiting for the metrics of %1…</source>
        <translation>Esperando las métricas de %1…</translation>
    </message>
    <message>
        <source>Live metrics are not available on Azure workspaces, so the charts show what this app&apos;s load generator observes for %1.</source>
        <translation>Las métricas en directo no están disponibles en las áreas de trabajo de Azure, así que los gráficos muestran lo que observa el generador de carga de esta aplicación para %1.</translation>
    </message>
</context>
<context>
    <name>OverviewPanel</name>
    <message>
        <source>Access</source>
        <translation>Acceso</translation>
    </message>
    <message>
        <source>Copy the scoring URI</source>
        <translation>Copiar el URI de puntuación</translation>
    </message>
    <message>
        <source>Read the keys again</source>
        <translation>Volver a leer las claves</translation>
    </message>
    <message>
        <source>Scoring URI:</source>
        <translation>URI de puntuación:</translation>
    </message>
    <message>
        <source>Authentication:</source>
        <translation>Autenticación:</translation>
    </message>
    <message>
        <source>Deployments</source>
        <translation>Implementaciones</translation>
    </message>
    <message>
        <source>Scoring URI</source>
        <translation>URI de puntuación</translation>
    </message>
    <message>
        <source>Primary key:</source>
        <translation>Clave principal:</translation>
    </message>
    <message>
        <source>Secondary key:</source>
        <translation>Clave secundaria:</translation>
    </message>
    <message>
        <source>Show or hide the key</source>
        <translation>Mostrar u ocultar la clave</translation>
    </message>
    <message>
        <source>Copy the primary key</source>
        <translation>Copiar la clave principal</translation>
    </message>
    <message>
        <source>Copy the secondary key</source>
        <translation>Copiar la clave secundaria</translation>
    </message>
    <message>
        <source>Regenerate the primary key…</source>
        <translation>Regenerar la clave principal…</translation>
    </message>
    <message>
        <source>Regenerate the secondary key…</source>
        <translation>Regenerar la clave secundaria…</translation>
    </message>
    <message>
        <source>Primary key</source>
        <translation>Clave principal</translation>
    </message>
    <message>
        <source>Secondary key</source>
        <translation>Clave secundaria</translation>
    </message>
    <message>
        <source>No endpoint selected</source>
        <translation>No hay ningún punto de conexión seleccionado</translation>
    </message>
    <message>
        <source>Key (key)</source>
        <translation>Clave (key)</translation>
    </message>
    <message>
        <source>Azure ML token (aml_token)</source>
        <translation>Token de Azure ML (aml_token)</translation>
    </message>
    <message>
        <source>Microsoft Entra token (aad_token)</source>
        <translation>Token de Microsoft Entra (aad_token)</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <source>Copy the token</source>
        <translation>Copiar el token</translation>
    </message>
    <message>
        <source>Get a fresh token</source>
        <translation>Obtener un token nuevo</translation>
    </message>
    <message>
        <source>The keys could not be read: %1</source>
        <translation>No se pudieron leer las claves: %1</translation>
    </message>
    <message>
        <source>No token: %1</source>
        <translation>Sin token: %1</translation>
    </message>
    <message>
        <source>Regenerate the primary key of endpoint &apos;%1&apos;?

Clients that use the current primary key get 401 Unauthorized until they switch to the new one (or to the secondary key).</source>
        <translation>¿Regenerar la clave principal del punto de conexión &apos;%1&apos;?

Los clientes que usen la clave principal actual recibirán 401 Unauthorized hasta que cambien a la nueva (o a la clave secundaria).</translation>
    </message>
    <message>
        <source>Regenerate the secondary key of endpoint &apos;%1&apos;?

Clients that use the current secondary key get 401 Unauthorized until they switch to the new one (or to the primary key).</source>
        <translation>¿Regenerar la clave secundaria del punto de conexión &apos;%1&apos;?

Los clientes que usen la clave secundaria actual recibirán 401 Unauthorized hasta que cambien a la nueva (o a la clave principal).</translation>
    </message>
    <message>
        <source>Regenerate key</source>
        <translation>Regenerar clave</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Regenerar</translation>
    </message>
    <message>
        <source>Regenerating…</source>
        <translation>Regenerando…</translation>
    </message>
    <message>
        <source>A new primary key is in use.</source>
        <translation>Ya se usa una clave principal nueva.</translation>
    </message>
    <message>
        <source>A new secondary key is in use.</source>
        <translation>Ya se usa una clave secundaria nueva.</translation>
    </message>
    <message>
        <source>%1 copied to the clipboard.</source>
        <translation>Copiado al portapapeles: %1.</translation>
    </message>
</context>
<context>
    <name>RecentRequestsModel</name>
    <message>
        <source>endpoint</source>
        <translation>punto de conexión</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>error</translation>
    </message>
    <message>
        <source>%1  %2 → %3  %4  %5 ms</source>
        <translation>%1  %2 → %3  %4  %5 ms</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1

%2</source>
        <translation>%1

%2</translation>
    </message>
</context>
<context>
    <name>RequestsChart</name>
    <message>
        <source>Requests per second</source>
        <translation>Solicitudes por segundo</translation>
    </message>
    <message>
        <source>req/s</source>
        <translation>sol./s</translation>
    </message>
</context>
<context>
    <name>RolloutGuardsModel</name>
    <message>
        <source>pass</source>
        <translation>correcto</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>error</translation>
    </message>
    <message>
        <source>Guard</source>
        <translation>Protección</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Medido</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Límite</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
</context>
<context>
    <name>RolloutPanel</name>
    <message>
        <source>plan.yml (see the README: Guarded rollouts)</source>
        <translation>plan.yml (consulte el README: Guarded rollouts)</translation>
    </message>
    <message>
        <source>&amp;Plan:</source>
        <translation>P&amp;lan:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Iniciar</translation>
    </message>
    <message>
        <source>Pa&amp;use</source>
        <translation>Pau&amp;sar</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reanudar</translation>
    </message>
    <message>
        <source>Pro&amp;mote</source>
        <translation>Pro&amp;mover</translation>
    </message>
    <message>
        <source>&amp;Abort</source>
        <translation>A&amp;nular</translation>
    </message>
    <message>
        <source>Rollout plan</source>
        <translation>Plan de lanzamiento</translation>
    </message>
    <message>
        <source>YAML files (*.yml *.yaml);;All files (*)</source>
        <translation>Archivos YAML (*.yml *.yaml);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>No rollout plan has run on %1. Choose a plan file and press Start.</source>
        <translation>No se ha ejecutado ningún plan de lanzamiento en %1. Elija un archivo de plan y pulse Iniciar.</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>No hay ningún área de trabajo abierta.</translation>
    </message>
    <message>
        <source>A plan is already running here; abort it first.</source>
        <translation>Ya se está ejecutando un plan aquí; anúlelo primero.</translation>
    </message>
    <message>
        <source>The plan is for endpoint %1, but %2 is selected; select %1 or fix the plan&apos;s `endpoint`.</source>
        <translation>El plan es para el punto de conexión %1, pero está seleccionado %2; seleccione %1 o corrija el campo `endpoint` del plan.</translation>
    </message>
    <message>
        <source>The plan on %1 is already over (%2).</source>
        <translation>El plan de %1 ya terminó (%2).</translation>
    </message>
    <message>
        <source>Asked the runner (process %1) to %2.</source>
        <translation>Se pidió al ejecutor (proceso %1) que haga lo siguiente: %2.</translation>
    </message>
    <message>
        <source>The plan&apos;s file cannot be read to take the plan over: %1</source>
        <translation>No se puede leer el archivo del plan para hacerse cargo de él: %1</translation>
    </message>
    <message>
        <source>%1 on %2 (baseline %3): %4 at step %5 of %6. Traffic: %7.</source>
        <translation>%1 en %2 (referencia %3): %4 en el paso %5 de %6. Tráfico: %7.</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Error: %1</translation>
    </message>
</context>
<context>
    <name>RolloutTimelineModel</name>
    <message>
        <source>applying</source>
        <translation>aplicando</translation>
    </message>
    <message>
        <source>baking</source>
        <translation>en observación</translation>
    </message>
    <message numerus="yes">
        <source>holding: %n request(s) missing</source>
        <translation>
            <numerusform>en espera: falta %n solicitud</numerusform>
            <numerusform>en espera: faltan %n solicitudes</numerusform>
        </translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>superado</translation>
    </message>
    <message>
        <source>promoted</source>
        <translation>promovido</translation>
    </message>
    <message>
        <source>failed: rolled back</source>
        <translation>error: revertido</translation>
    </message>
    <message>
        <source>aborted</source>
        <translation>anulado</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>detenido</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <source>mirror %1 %</source>
        <translation>reflejo %1 %</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>Candidata</translation>
    </message>
    <message>
        <source>Bake</source>
        <translation>Observación</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
</context>
<context>
    <name>SplitChart</name>
    <message>
        <source>Observed</source>
        <translation>Observado</translation>
    </message>
    <message>
        <source>Configured traffic</source>
        <translation>Tráfico configurado</translation>
    </message>
    <message>
        <source>Configured mirror</source>
        <translation>Reflejo configurado</translation>
    </message>
    <message>
        <source>Observed vs configured split</source>
        <translation>Reparto observado frente al configurado</translation>
    </message>
    <message>
        <source>Observed (last %1 s, %2 requests)</source>
        <translation>Observado (últimos %1 s, %2 solicitudes)</translation>
    </message>
    <message>
        <source>Observed (no requests in the last %1 s)</source>
        <translation>Observado (sin solicitudes en los últimos %1 s)</translation>
    </message>
</context>
<context>
    <name>TestPanel</name>
    <message>
        <source>Where the request goes: the endpoint, whose traffic rules choose a deployment, or one deployment by the azureml-model-deployment header (even at 0 % traffic)</source>
        <translation>Adónde va la solicitud: al punto de conexión, cuyas reglas de tráfico eligen una implementación, o a una implementación concreta mediante el encabezado azureml-model-deployment (incluso con un 0 % de tráfico)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Send the request (Ctrl+Enter)</source>
        <translation>Enviar la solicitud (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Compare deployments</source>
        <translation>Comparar implementaciones</translation>
    </message>
    <message>
        <source>Send the same body to every deployment and show the answers side by side</source>
        <translation>Enviar el mismo cuerpo a cada implementación y mostrar las respuestas en paralelo</translation>
    </message>
    <message>
        <source>Load file…</source>
        <translation>Cargar archivo…</translation>
    </message>
    <message>
        <source>Pretty-print</source>
        <translation>Formatear</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>D&amp;estino:</translation>
    </message>
    <message>
        <source>Request body</source>
        <translation>Cuerpo de la solicitud</translation>
    </message>
    <message>
        <source>Recent requests</source>
        <translation>Solicitudes recientes</translation>
    </message>
    <message>
        <source>No request sent yet</source>
        <translation>Aún no se ha enviado ninguna solicitud</translation>
    </message>
    <message>
        <source>The answer appears here</source>
        <translation>Aquí aparece la respuesta</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparar</translation>
    </message>
    <message>
        <source>Select an endpoint on the left to test it</source>
        <translation>Seleccione un punto de conexión a la izquierda para probarlo</translation>
    </message>
    <message>
        <source>Send a request to %1</source>
        <translation>Enviar una solicitud a %1</translation>
    </message>
    <message>
        <source>Endpoint (traffic rules)</source>
        <translation>Punto de conexión (reglas de tráfico)</translation>
    </message>
    <message>
        <source>Deployment: %1</source>
        <translation>Implementación: %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <source>The endpoint %1 has no deployments to compare.</source>
        <translation>El punto de conexión %1 no tiene implementaciones que comparar.</translation>
    </message>
    <message numerus="yes">
        <source>Sending to %n deployment(s)…</source>
        <translation>
            <numerusform>Enviando a %n implementación…</numerusform>
            <numerusform>Enviando a %n implementaciones…</numerusform>
        </translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Sin respuesta</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Served by: %1</source>
        <translation>Atendida por: %1</translation>
    </message>
    <message>
        <source>The azureml-model-deployment header of the answer. Azure ML need not send it: then it shows —.</source>
        <translation>El encabezado azureml-model-deployment de la respuesta. Azure ML no está obligado a enviarlo: en ese caso se muestra —.</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Load request body</source>
        <translation>Cargar el cuerpo de la solicitud</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>Archivos JSON (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <source>%1 is larger than 16 MiB; endpoints take at most 1.5 MiB per request.</source>
        <translation>%1 ocupa más de 16 MiB; los puntos de conexión admiten como máximo 1,5 MiB por solicitud.</translation>
    </message>
    <message>
        <source> — note: over 1.5 MiB, the endpoint will answer 413</source>
        <translation> — nota: con más de 1,5 MiB, el punto de conexión responderá 413</translation>
    </message>
</context>
<context>
    <name>TrafficPanel</name>
    <message>
        <source>Live traffic</source>
        <translation>Tráfico en vivo</translation>
    </message>
    <message>
        <source>Mirror traffic</source>
        <translation>Tráfico reflejado</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>&amp;Restablecer</translation>
    </message>
    <message>
        <source>Discard the edits and show the endpoint&apos;s current traffic</source>
        <translation>Descartar los cambios y mostrar el tráfico actual del punto de conexión</translation>
    </message>
    <message>
        <source>&amp;Apply…</source>
        <translation>Apli&amp;car…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>This endpoint has no deployments yet: create one to send it traffic.</source>
        <translation>Este punto de conexión aún no tiene implementaciones: cree una para enviarle tráfico.</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Mirror share</source>
        <translation>Porcentaje reflejado</translation>
    </message>
    <message>
        <source>A copy of this share of the live requests also goes to the target; its answers are discarded. At most %1 %, to a deployment without live traffic.</source>
        <translation>Una copia de este porcentaje de las solicitudes en vivo también se envía al destino; sus respuestas se descartan. Como máximo un %1 %, a una implementación sin tráfico en vivo.</translation>
    </message>
    <message>
        <source>Mirror to:</source>
        <translation>Reflejar en:</translation>
    </message>
    <message>
        <source>Share:</source>
        <translation>Porcentaje:</translation>
    </message>
    <message>
        <source>No endpoint selected</source>
        <translation>No hay ningún punto de conexión seleccionado</translation>
    </message>
    <message>
        <source>Traffic of %1</source>
        <translation>Tráfico de %1</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Share of %1</source>
        <translation>Porcentaje de %1</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>%1 (has %2 % live traffic)</source>
        <translation>%1 (tiene un %2 % del tráfico en vivo)</translation>
    </message>
    <message>
        <source>Select an endpoint.</source>
        <translation>Seleccione un punto de conexión.</translation>
    </message>
    <message>
        <source>The endpoint has no deployments.</source>
        <translation>El punto de conexión no tiene implementaciones.</translation>
    </message>
    <message>
        <source>Total is %1 %: it must be 100 % (or 0 %).</source>
        <translation>El total es %1 %: debe ser 100 % (o 0 %).</translation>
    </message>
    <message>
        <source>Total: %1 %</source>
        <translation>Total: %1 %</translation>
    </message>
    <message>
        <source>Review the change, then apply it</source>
        <translation>Revise el cambio y después aplíquelo</translation>
    </message>
    <message>
        <source>Nothing to apply: the editors show the endpoint&apos;s current traffic</source>
        <translation>No hay nada que aplicar: los controles muestran el tráfico actual del punto de conexión</translation>
    </message>
    <message>
        <source>%1  →  %2</source>
        <translation>%1  →  %2</translation>
    </message>
    <message>
        <source>%1 (unchanged)</source>
        <translation>%1 (sin cambios)</translation>
    </message>
    <message>
        <source>Change the traffic of endpoint &apos;%1&apos;?

Live traffic:  %2
Mirror:  %3

The next request follows the new setting.</source>
        <translation>¿Cambiar el tráfico del punto de conexión &apos;%1&apos;?

Tráfico en vivo:  %2
Reflejo:  %3

La siguiente solicitud ya sigue la nueva configuración.</translation>
    </message>
    <message>
        <source>Apply traffic change</source>
        <translation>Aplicar cambio de tráfico</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>Aplicando…</translation>
    </message>
    <message>
        <source>Applied at %1: %2; mirror %3.</source>
        <translation>Aplicado a las %1: %2; reflejo %3.</translation>
    </message>
    <message>
        <source>Cannot revert that change: %1</source>
        <translation>No se puede revertir ese cambio: %1</translation>
    </message>
    <message>
        <source>Revert endpoint &apos;%1&apos; to the traffic before the change of %2?

Live traffic:  %3  →  %4
Mirror:  %5  →  %6</source>
        <translation>¿Devolver el punto de conexión &apos;%1&apos; al tráfico anterior al cambio del %2?

Tráfico en vivo:  %3  →  %4
Reflejo:  %5  →  %6</translation>
    </message>
    <message>
        <source>Revert traffic change</source>
        <translation>Revertir cambio de tráfico</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Revertir</translation>
    </message>
    <message>
        <source>The history could not be read: %1</source>
        <translation>No se pudo leer el historial: %1</translation>
    </message>
    <message>
        <source>Share of %1:</source>
        <translation>Porcentaje de %1:</translation>
    </message>
    <message>
        <source>%1 %2 % · %3 %4 %</source>
        <translation>%1 %2 % · %3 %4 %</translation>
    </message>
    <message>
        <source>The change history is not available on Azure workspaces.</source>
        <translation>El historial de cambios no está disponible en las áreas de trabajo de Azure.</translation>
    </message>
</context>
<context>
    <name>TrafficSlider</name>
    <message>
        <source>Traffic split</source>
        <translation>Reparto del tráfico</translation>
    </message>
    <message>
        <source>Share of the live traffic that goes to %1 (the rest goes to %2)</source>
        <translation>Porcentaje del tráfico en vivo que va a %1 (el resto va a %2)</translation>
    </message>
    <message>
        <source>%1  %2 %</source>
        <translation>%1  %2 %</translation>
    </message>
    <message>
        <source>%1 %  %2</source>
        <translation>%1 %  %2</translation>
    </message>
</context>
<context>
    <name>TrafficText</name>
    <message>
        <source>%1 %2 %</source>
        <translation>%1 %2 %</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
</context>
<context>
    <name>WorkspacePicker</name>
    <message>
        <source>Local</source>
        <translation>Local</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Área de trabajo</translation>
    </message>
    <message>
        <source>&amp;Workspace:</source>
        <translation>Área de tra&amp;bajo:</translation>
    </message>
    <message>
        <source>Local workspace: endpoints run on this computer.
State folder: %1</source>
        <translation>Área de trabajo local: los puntos de conexión se ejecutan en este equipo.
Carpeta de estado: %1</translation>
    </message>
    <message>
        <source>&amp;Add Azure Workspace…</source>
        <translation>&amp;Agregar área de trabajo de Azure…</translation>
    </message>
    <message>
        <source>&amp;Edit Azure Workspace…</source>
        <translation>&amp;Editar área de trabajo de Azure…</translation>
    </message>
    <message>
        <source>&amp;Remove Azure Workspace</source>
        <translation>&amp;Quitar área de trabajo de Azure</translation>
    </message>
    <message>
        <source>Manage Azure workspaces</source>
        <translation>Administrar áreas de trabajo de Azure</translation>
    </message>
    <message>
        <source>Add, edit or remove Azure Machine Learning workspaces</source>
        <translation>Agregar, editar o quitar áreas de trabajo de Azure Machine Learning</translation>
    </message>
    <message>
        <source>Azure: %1</source>
        <translation>Azure: %1</translation>
    </message>
    <message>
        <source>Azure Machine Learning workspace %1
Subscription: %2
ARM: %3</source>
        <translation>Área de trabajo de Azure Machine Learning %1
Suscripción: %2
ARM: %3</translation>
    </message>
</context>
</TS>

#pragma once

// What an Azure ML workspace cannot take from a deployment made for the local one: local
// folders for model, code, conda file or build context (Azure needs registered assets;
// uploading them is a later step) and the local extensions local_command/local_python.
// Checked before anything changes, with a message saying how to register the asset.

#include "domain.h"
#include "result.h"

namespace AzureAssets {

Status checkDeployment(const Deployment &deployment);

// ARM takes asset ids: azureml:NAME:VERSION becomes
// {workspacePath}/models|environments|codes/NAME/versions/VERSION, "azureml:/subscriptions/..."
// loses its prefix, registry references (azureml://registries/...) go as they are. A label
// (azureml:NAME@latest) is refused with how to give the version instead.
Result<Deployment> toArmIds(const Deployment &deployment, const QString &workspacePath);

} // namespace AzureAssets

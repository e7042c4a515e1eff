# A Debian package of everything `cmake --install` puts in place: rolloutdesk, rolloutd,
# rolloutctl, the scoring harness, the demo (trained at build time), the bash completion,
# the desktop file, AppStream metadata and the icon. `cpack -G DEB` in the build folder
# (or the `package` target) writes rolloutdesk_<version>_<arch>.deb there.
#
# The libraries the programs link come from dpkg-shlibdeps (Debian's dpkg-dev); what
# only the Python side needs (the harness serving score.py, the demo's scikit-learn
# models) and the SVG icon plugin are named here.

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME rolloutdesk)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "RolloutDesk")
set(CPACK_PACKAGE_CONTACT "RolloutDesk maintainers <maintainers@rolloutdesk.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Safe blue/green rollout of machine-learning models")
set(CPACK_PACKAGE_INSTALL_DIRECTORY rolloutdesk)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://rolloutdesk.invalid")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Safe blue/green rollout of machine-learning models
 RolloutDesk runs a safe rollout of a model on an online endpoint, point and
 click: create a deployment with no traffic, test it, mirror a share of live
 traffic to it, move traffic with a slider and watch live charts, then delete
 the old deployment. It works on a local workspace (rolloutd, a built-in
 endpoint host) and on Azure Machine Learning workspaces through one REST
 contract.
 .
 This package holds the desktop app (rolloutdesk), the local endpoint host
 (rolloutd) with its Python scoring harness, the command-line client
 (rolloutctl, with bash completion) and a ready-made demo endpoint.")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "python3, python3-sklearn, python3-joblib, python3-numpy, libqt6svg6")

include(CPack)

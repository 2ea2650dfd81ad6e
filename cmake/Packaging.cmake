# Debian packages through CPack (`cpack --config build/CPackConfig.cmake -G DEB`):
#   tapedeck      the desktop app (binary, .desktop file, AppStream data, icon;
#                 translations are compiled into the binary)
#   tapedeck-cli  the command line alone, for servers: no Qt GUI library needed
# Dependencies come from dpkg-shlibdeps, so they match the libraries linked.
include(GNUInstallDirs)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/tapedeck-cli RENAME copyright
  COMPONENT headless)
if(TAPEDECK_BUILD_GUI)
  install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/tapedeck RENAME copyright
    COMPONENT desktop)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tapedeck)
set(CPACK_PACKAGE_VENDOR "Tapedeck developers")
set(CPACK_PACKAGE_CONTACT "Tapedeck developers <tapedeck@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Record live streams to MP4, MPEG-TS or FLV without losing a recording")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SECTION video)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/tapedeck/tapedeck")
set(CPACK_DEBIAN_DESKTOP_PACKAGE_NAME tapedeck)
set(CPACK_DEBIAN_HEADLESS_PACKAGE_NAME tapedeck-cli)
set(CPACK_COMPONENT_DESKTOP_DESCRIPTION
  "Desktop recording studio for live streams (RTMP, RTSP, SRT, HLS, UDP, cameras)\n Records to MP4, MPEG-TS or FLV, optionally cut into chunks, several at once.\n MP4 recordings are crash-safe: sidecar files rebuild to the same file after a\n crash, and a recovery wizard repairs recordings other tools left behind.")
set(CPACK_COMPONENT_HEADLESS_DESCRIPTION
  "Command-line stream recorder (Tapedeck, without the desktop app)\n The record, probe and recover commands of Tapedeck in a binary that needs no\n display and no Qt GUI libraries, for servers and scripts.")
set(CPACK_DEBIAN_DESKTOP_PACKAGE_SECTION video)
# Loaded at run time, so dpkg-shlibdeps cannot see them: the SVG icon engine
# and, for the player, GStreamer's decoders behind Qt Multimedia.
set(CPACK_DEBIAN_DESKTOP_PACKAGE_DEPENDS "libqt6svg6")
set(CPACK_DEBIAN_DESKTOP_PACKAGE_RECOMMENDS "gstreamer1.0-plugins-good, gstreamer1.0-libav")
set(CPACK_DEBIAN_HEADLESS_PACKAGE_SECTION video)
if(TAPEDECK_BUILD_GUI)
  set(CPACK_COMPONENTS_ALL desktop headless)
else()
  set(CPACK_COMPONENTS_ALL headless)
endif()
include(CPack)

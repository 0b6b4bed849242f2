; Estu's Windows installer: for the current user only, without administrator rights; Russian
; interface with the Kazakh text beside it (NSIS has no Kazakh language file).
;
; Built by packaging/build-windows, which passes on the command line:
;   VERSION  the program's version, x.y.z
;   EXE      the cross-built estu.exe
;   README   readme.txt (ru + kk) as UTF-16LE, for the readme page and the program folder
;   ROOT     the repository (icon, fonts' licence)
;   OUTFILE  where to write Estu-Setup-<version>.exe
;
; The user's data (%APPDATA%\Estu: the database, its backups) is never touched: the installer
; writes only the program's folder, the shortcuts and the uninstall entry, and the uninstaller
; deletes only the files the installer wrote, by name.

!ifndef VERSION | EXE | README | ROOT | OUTFILE
  !error "pass /DVERSION /DEXE /DREADME /DROOT /DOUTFILE (packaging/build-windows does)"
!endif

Unicode true
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include x64.nsh

!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Estu"
!define APP_KEY "Software\Estu"
!define SHORTCUT "Есту.lnk"
!define DESCRIPTION "Журнал приёма и обращений сельского округа / Ауылдық округтің қабылдау және өтініштер журналы"

Name "Есту ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Estu"
; An upgrade installs where the previous version is.
InstallDirRegKey HKCU "${APP_KEY}" "InstallDir"
BrandingText "Есту ${VERSION}"

VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=1049 "ProductName" "Есту"
VIAddVersionKey /LANG=1049 "FileDescription" "Установка Есту ${VERSION}"
VIAddVersionKey /LANG=1049 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1049 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1049 "LegalCopyright" "Estu, MIT"

!define MUI_ICON "${ROOT}\assets\icon\estu.ico"
!define MUI_UNICON "${ROOT}\assets\icon\estu.ico"
!define MUI_ABORTWARNING

!define MUI_WELCOMEPAGE_TITLE "Установка Есту ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "Программа будет установлена только для вас; права администратора не нужны.$\r$\n$\r$\nЕсту ${VERSION} бағдарламасы тек сіз үшін орнатылады; әкімші құқықтары қажет емес.$\r$\n$\r$\nВаша база и резервные копии не удаляются ни при обновлении, ни при удалении программы.$\r$\n$\r$\nДерекқорыңыз бен сақтық көшірмелер жаңартқанда да, жойғанда да өшірілмейді."
!insertmacro MUI_PAGE_WELCOME

!define MUI_PAGE_HEADER_TEXT "Прочтите / Оқыңыз"
!define MUI_PAGE_HEADER_SUBTEXT "О программе и ваших данных / Бағдарлама және деректеріңіз туралы"
!define MUI_LICENSEPAGE_TEXT_TOP "Русский текст, затем казахский / Орысша мәтін, одан кейін қазақша"
!define MUI_LICENSEPAGE_TEXT_BOTTOM " "
!define MUI_LICENSEPAGE_BUTTON "$(^NextBtn)"
!insertmacro MUI_PAGE_LICENSE "${README}"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES

!define MUI_FINISHPAGE_RUN "$INSTDIR\estu.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Запустить Есту / Естуді іске қосу"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "Будет удалена только программа. База и резервные копии (%APPDATA%\Estu) остаются. / Тек бағдарлама жойылады. Дерекқор мен сақтық көшірмелер (%APPDATA%\Estu) қалады."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Russian"

; Waits until the program is closed: a running estu.exe cannot be replaced or deleted.
!macro ENSURE_CLOSED un
Function ${un}EnsureClosed
  retry:
  IfFileExists "$INSTDIR\estu.exe" 0 done
  ClearErrors
  FileOpen $0 "$INSTDIR\estu.exe" a
  IfErrors 0 closed
  MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "Есту запущена. Закройте программу и повторите попытку.$\r$\nЕсту іске қосулы. Бағдарламаны жауып, әрекетті қайталаңыз." /SD IDCANCEL IDRETRY retry
  Abort
  closed:
  FileClose $0
  done:
FunctionEnd
!macroend
!insertmacro ENSURE_CLOSED ""
!insertmacro ENSURE_CLOSED "un."

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "Есту работает только в 64-разрядной Windows.$\r$\nЕсту тек 64 биттік Windows жүйесінде жұмыс істейді." /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

Section "Есту" SecMain
  SectionIn RO
  SetShellVarContext current
  Call EnsureClosed
  SetOutPath "$INSTDIR"
  SetOverwrite on
  File "/oname=estu.exe" "${EXE}"
  File "/oname=readme.txt" "${README}"
  File "/oname=fonts-OFL.txt" "${ROOT}\assets\fonts\OFL.txt"
  File "/oname=LICENSE.txt" "${ROOT}\LICENSE"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${SHORTCUT}" "$INSTDIR\estu.exe" "" "$INSTDIR\estu.exe" 0 SW_SHOWNORMAL "" "${DESCRIPTION}"
  CreateShortcut "$DESKTOP\${SHORTCUT}" "$INSTDIR\estu.exe" "" "$INSTDIR\estu.exe" 0 SW_SHOWNORMAL "" "${DESCRIPTION}"

  WriteRegStr HKCU "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${APP_KEY}" "Version" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "Есту"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\estu.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "Estu"
  WriteRegStr HKCU "${UNINST_KEY}" "Comments" "${DESCRIPTION}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ; The program's own files only, in KB (a portable data folder someone left here is not counted).
  ${GetSize} "$INSTDIR" "/M=*.exe /S=0K /G=0" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Call un.EnsureClosed
  ; Each file by name, and the folder only if it is left empty (RMDir without /r): whatever
  ; else is in it (a portable data folder, the user's own files) stays.
  Delete "$INSTDIR\estu.exe"
  Delete "$INSTDIR\readme.txt"
  Delete "$INSTDIR\fonts-OFL.txt"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${SHORTCUT}"
  Delete "$DESKTOP\${SHORTCUT}"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "${APP_KEY}"
SectionEnd

@echo off
rem Launcher for an installed Sockwarden on Windows: <prefix>\bin\sockwarden.cmd with the jars in
rem <prefix>\lib. The same JVM flags as the POSIX launcher: small young generation, serial GC, C1
rem only, and a class-data sharing archive created on first use in SOCKWARDEN_CDS_DIR (default:
rem <prefix>\cds, or %TEMP% when that cannot be created), where JNA also unpacks its native library.
rem JAVA_HOME (else JAVA, else java on the PATH) selects the JVM; SOCKWARDEN_JAVA_OPTS adds options.
rem No parenthesised blocks below: a path such as "C:\Program Files (x86)" would end them early.
setlocal
set "HERE=%~dp0.."
set "JAVA_EXE=java"
if defined JAVA set "JAVA_EXE=%JAVA%"
if defined JAVA_HOME set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
set "CDS_DIR=%HERE%\cds"
if defined SOCKWARDEN_CDS_DIR set "CDS_DIR=%SOCKWARDEN_CDS_DIR%"
if not exist "%CDS_DIR%\" mkdir "%CDS_DIR%" 2>nul || set "CDS_DIR=%TEMP%"
set "ARCHIVE=%CDS_DIR%\sockwarden-%USERNAME%.jsa"
set "CDS=-XX:ArchiveClassesAtExit=%ARCHIVE%"
if exist "%ARCHIVE%" set "CDS=-XX:SharedArchiveFile=%ARCHIVE%"
"%JAVA_EXE%" -Xshare:auto "%CDS%" -Xlog:cds=off -Xlog:cds+dynamic=off ^
  -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn8m -Xss512k -XX:CICompilerCount=1 ^
  "-Djna.tmpdir=%CDS_DIR%" %SOCKWARDEN_JAVA_OPTS% ^
  -cp "%HERE%\lib\*" io.sockwarden.agent.Main %*
exit /b %ERRORLEVEL%

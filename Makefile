# Builds the Lambda functions as the `bootstrap` executable that provided.al2023 runs.
# `sam build` runs `make build-<LogicalId>` with ARTIFACTS_DIR set (template.yaml: Metadata.BuildMethod makefile).
# `make help` lists the targets and the variables that change them.

SHELL := /bin/sh
.SHELLFLAGS := -eu -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules --no-print-directory

# Paths derive from this file, not from the working directory: sam may run make from elsewhere.
REPO_ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))

DOTNET ?= dotnet
CONFIGURATION ?= Release
RID := linux-x64
# Each function publishes with its own obj/ and bin/ under $(DOTNET_ARTIFACTS)/<LogicalId> (project references
# included), so two function builds, or a build beside the IDE or `dotnet test`, never share an intermediate folder.
DOTNET_ARTIFACTS ?= $(REPO_ROOT)/artifacts/dotnet
FUNCTIONS_DIR ?= $(REPO_ROOT)/artifacts/functions
DOTNET_PUBLISH_FLAGS := --nologo --verbosity quiet --disable-build-servers \
	-p:PublishDocumentationFile=false -p:PublishReferencesDocumentationFiles=false

FUNCTIONS := ProducerFunction ConsumerFunction

# auto: Native AOT where this host can link it (Linux x86_64 with gcc or clang), else self-contained ReadyToRun.
# jit: framework-dependent, run by the machine's dotnet: the quickest build, for the local stack's inner loop only
# (provided.al2023 has no dotnet, so never deploy it).
BUILD_MODE ?= auto
HOST_CAN_AOT := $(shell [ "$$(uname -s)" = Linux ] && [ "$$(uname -m)" = x86_64 ] \
	&& { command -v gcc || command -v clang; } >/dev/null 2>&1 && echo yes)
ifeq ($(BUILD_MODE),auto)
  RESOLVED_MODE := $(if $(HOST_CAN_AOT),aot,r2r)
else
  RESOLVED_MODE := $(BUILD_MODE)
endif
ifeq ($(filter aot r2r jit,$(RESOLVED_MODE)),)
  $(error BUILD_MODE must be auto, aot, r2r or jit, not '$(BUILD_MODE)')
endif

# V=1 echoes every command.
Q := $(if $(V),,@)

# sam passes an absolute ARTIFACTS_DIR; a relative one given by hand is taken from the working directory.
OUT = $(abspath $(ARTIFACTS_DIR))

# $(call publish,<LogicalId>,<project name>): leaves an executable bootstrap in $(ARTIFACTS_DIR).
define publish
	$(if $(strip $(ARTIFACTS_DIR)),,$(error ARTIFACTS_DIR is not set: sam build sets it; 'make build' builds locally))
	@echo "$(1): $(RESOLVED_MODE) publish of src/$(2) for $(RID)"
	$(Q)mkdir -p "$(OUT)"
	$(call publish_$(RESOLVED_MODE),$(1),$(2))
	$(Q)test -x "$(OUT)/bootstrap"
	@echo "$(1): $$(du -sh "$(OUT)" | cut -f1) in $(OUT)"
endef

# Native AOT: the one self-contained native binary is the whole artifact.
define publish_aot
	$(Q)$(DOTNET) publish "$(REPO_ROOT)/src/$(2)/$(2).csproj" -c $(CONFIGURATION) -r $(RID) -p:PublishAot=true \
		--artifacts-path "$(DOTNET_ARTIFACTS)/$(1)" -o "$(DOTNET_ARTIFACTS)/$(1)/publish-aot" $(DOTNET_PUBLISH_FLAGS)
	$(Q)cp "$(DOTNET_ARTIFACTS)/$(1)/publish-aot/$(2)" "$(OUT)/bootstrap"
	$(Q)chmod 755 "$(OUT)/bootstrap"
endef

# ReadyToRun: the self-contained app, plus a bootstrap script that runs it from its own folder. Trimmed like AOT (the
# same analyzers keep the code trim-safe): well under half the size of the untrimmed app, and it starts faster.
define publish_r2r
	$(Q)$(DOTNET) publish "$(REPO_ROOT)/src/$(2)/$(2).csproj" -c $(CONFIGURATION) -r $(RID) --self-contained \
		-p:PublishReadyToRun=true -p:PublishTrimmed=true --artifacts-path "$(DOTNET_ARTIFACTS)/$(1)" -o "$(OUT)" \
		$(DOTNET_PUBLISH_FLAGS)
	$(Q)printf '#!/bin/sh\nexec "$$(dirname "$$0")/%s" "$$@"\n' '$(2)' > "$(OUT)/bootstrap"
	$(Q)chmod 755 "$(OUT)/bootstrap"
endef

# JIT: the framework-dependent app and a bootstrap script that runs it with the dotnet on PATH.
define publish_jit
	$(Q)$(DOTNET) publish "$(REPO_ROOT)/src/$(2)/$(2).csproj" -c $(CONFIGURATION) --no-self-contained \
		--artifacts-path "$(DOTNET_ARTIFACTS)/$(1)" -o "$(OUT)" $(DOTNET_PUBLISH_FLAGS)
	$(Q)printf '#!/bin/sh\nexec dotnet "$$(dirname "$$0")/%s.dll" "$$@"\n' '$(2)' > "$(OUT)/bootstrap"
	$(Q)chmod 755 "$(OUT)/bootstrap"
endef

.PHONY: help build test clean $(addprefix build-,$(FUNCTIONS)) $(addprefix local-,$(FUNCTIONS))

help: ## List the targets
	@echo "Targets:"
	@grep -E '^[A-Za-z-]+:.*## ' $(MAKEFILE_LIST) | sed -e 's/:.*## /\t/' -e 's/^/  /'
	@echo "Variables: BUILD_MODE=auto|aot|r2r|jit (now $(BUILD_MODE) -> $(RESOLVED_MODE)), ARTIFACTS_DIR, DOTNET_ARTIFACTS, V=1"

build-ProducerFunction: ## Publish ProducerFunction's bootstrap into $(ARTIFACTS_DIR) (what sam build runs)
	$(call publish,ProducerFunction,OrderPipeline.Producer)

build-ConsumerFunction: ## Publish ConsumerFunction's bootstrap into $(ARTIFACTS_DIR) (what sam build runs)
	$(call publish,ConsumerFunction,OrderPipeline.Consumer)

build: $(addprefix local-,$(FUNCTIONS)) ## Build both functions into artifacts/functions/<LogicalId>/ (make -j2 works)

$(addprefix local-,$(FUNCTIONS)): local-%:
	$(Q)rm -rf "$(FUNCTIONS_DIR)/$*"
	$(Q)$(MAKE) build-$* ARTIFACTS_DIR="$(FUNCTIONS_DIR)/$*"

test: ## Run every test project (dotnet test)
	$(DOTNET) test "$(REPO_ROOT)/OrderPipeline.sln"

clean: ## Remove artifacts/ and .aws-sam/
	rm -rf "$(REPO_ROOT)/artifacts" "$(REPO_ROOT)/.aws-sam"

package blueprints

import (
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
)

// HelloWorldProps configures a HelloWorld blueprint.
type HelloWorldProps struct {
	// FunctionOptions are the settings of the blueprint's function. Default: - the
	// defaults of each of its fields.
	FunctionOptions
	// Greeting is the word the function greets with. Default: - "Hello".
	Greeting string
}

// HelloWorld is the hello-world blueprint: a Python function that greets the name in its
// event ({"name": "Ada"} returns {"message": "Hello, Ada!"}) and logs the event. It has no
// trigger: invoke it from the console, the CLI or a test. Its role holds the basic logs
// permissions only.
type HelloWorld struct {
	constructs.Construct
	*Base
}

// NewHelloWorld creates a HelloWorld blueprint. Timeout 3 seconds unless FunctionOptions
// sets it.
func NewHelloWorld(scope constructs.Construct, id *string, props *HelloWorldProps) *HelloWorld {
	if props == nil {
		props = &HelloWorldProps{}
	}
	b := &HelloWorld{Base: &Base{}}
	constructs.NewConstruct_Override(b, scope, id)
	greeting := props.Greeting
	if greeting == "" {
		greeting = "Hello"
	}
	b.Base.build(b, props.FunctionOptions, spec{
		handler:     "hello_world",
		description: "hello-world blueprint: greets the name in its event",
		environment: map[string]string{"GREETING": greeting},
		timeout:     3 * time.Second,
	})
	return b
}

// Name returns "hello-world".
func (b *HelloWorld) Name() string { return "hello-world" }

// NewHelloWorldStack creates a stack holding a HelloWorld blueprint with the id HelloWorld.
func NewHelloWorldStack(scope constructs.Construct, id string, props *StackProps[HelloWorldProps]) awscdk.Stack {
	return newStack(scope, id, props, "HelloWorld", NewHelloWorld)
}
